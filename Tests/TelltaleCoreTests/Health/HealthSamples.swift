@testable import TelltaleCore

/// The bodies in `/work/shared/samples/health`, as text and as the JSONValue
/// the JSON parser would give, built by hand so these tests do not depend on it.
enum HealthSamples {
    static let healthyText = #"{"status":"healthy","service":"netra-ai-platform","version":"1.0.0","timestamp":1757939142.318}"#
    static let healthy: JSONValue = .object([
        ("status", .string("healthy")), ("service", .string("netra-ai-platform")),
        ("version", .string("1.0.0")), ("timestamp", .number(1757939142.318)),
    ])

    static let startupFailedMessage = "Startup failed: Database initialization timeout after 8.0s in staging environment. This may indicate Cloud SQL connection issues. Check POSTGRES_HOST configuration and Cloud SQL instance accessibility."
    static let startupFailedText = #"{"status":"unhealthy","message":""# + startupFailedMessage + #"","startup_failed":true}"#
    static let startupFailed: JSONValue = .object([
        ("status", .string("unhealthy")), ("message", .string(startupFailedMessage)), ("startup_failed", .bool(true)),
    ])

    static let startupInProgressText = #"{"status":"unhealthy","message":"Startup in progress","startup_in_progress":true,"details":{"phase":"database"}}"#
    static let startupInProgress: JSONValue = .object([
        ("status", .string("unhealthy")), ("message", .string("Startup in progress")),
        ("startup_in_progress", .bool(true)), ("details", .object([("phase", .string("database"))])),
    ])

    static let readyText = #"{"status":"ready","service":"netra-ai-platform","timestamp":"2025-09-15T12:40:02.113Z","environment":"staging","core_db":"connected","clickhouse_db":"skipped_optional","redis_db":"connected","websocket_readiness":{"ready":true},"details":{}}"#
    static let ready: JSONValue = .object([
        ("status", .string("ready")), ("service", .string("netra-ai-platform")),
        ("timestamp", .string("2025-09-15T12:40:02.113Z")), ("environment", .string("staging")),
        ("core_db", .string("connected")), ("clickhouse_db", .string("skipped_optional")),
        ("redis_db", .string("connected")), ("websocket_readiness", .object([("ready", .bool(true))])),
        ("details", .object([])),
    ])

    static let readyDBDownText = #"{"detail":"Core database unavailable"}"#
    static let readyDBDown: JSONValue = .object([("detail", .string("Core database unavailable"))])

    static let backendDegradedText = #"{"service":"backend-service","version":"1.0.0","timestamp":"2025-09-15T12:40:02.113Z","status":"degraded","environment":"staging","capabilities":{"agent_execution":true,"tool_system":true,"llm_integration":false,"websocket_integration":true,"database_connectivity":false},"service_criticality":{"llm":"optional_degraded"},"degraded_services":[{"service":"llm","status":"timeout","message":"LLM service timed out - graceful degradation active"}],"golden_path_ready":true,"readiness_score":0.6,"failed_services":{},"failure_analysis":{"should_fail":false,"reason":"Sufficient services operational","environment_config":{"allow_partial_startup":true,"failure_threshold":0.3}},"warnings":["Some services operating in degraded mode"]}"#
    static let backendDegraded: JSONValue = .object([
        ("service", .string("backend-service")), ("version", .string("1.0.0")),
        ("timestamp", .string("2025-09-15T12:40:02.113Z")), ("status", .string("degraded")),
        ("environment", .string("staging")),
        ("capabilities", .object([
            ("agent_execution", .bool(true)), ("tool_system", .bool(true)), ("llm_integration", .bool(false)),
            ("websocket_integration", .bool(true)), ("database_connectivity", .bool(false)),
        ])),
        ("service_criticality", .object([("llm", .string("optional_degraded"))])),
        ("degraded_services", .array([.object([
            ("service", .string("llm")), ("status", .string("timeout")),
            ("message", .string("LLM service timed out - graceful degradation active")),
        ])])),
        ("golden_path_ready", .bool(true)), ("readiness_score", .number(0.6)), ("failed_services", .object([])),
        ("failure_analysis", .object([
            ("should_fail", .bool(false)), ("reason", .string("Sufficient services operational")),
            ("environment_config", .object([("allow_partial_startup", .bool(true)), ("failure_threshold", .number(0.3))])),
        ])),
        ("warnings", .array([.string("Some services operating in degraded mode")])),
    ])

    static let platformText = "The request failed because either the HTTP response was malformed or connection to the instance had an error. Additional troubleshooting documentation can be found at: https://cloud.google.com/run/docs/troubleshooting#malformed-response-or-connection-error\n"

    /// A result with a body; `json` is what the lead would pass alongside.
    static func result(
        _ endpoint: String = "/health", at time: Double = 1_000, status: Int?, latency: Double = 0.05,
        body: String = "", error: HealthError? = nil
    ) -> HealthResult {
        HealthResult(endpoint: endpoint, time: time, status: status, latency: latency, body: body, error: error)
    }

    /// Parses a condition the test knows is valid, failing the test (not
    /// crashing) when it is not.
    static func condition(_ text: String) throws -> HealthCondition {
        try HealthCondition(parsing: text)
    }
}
