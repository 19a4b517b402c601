import Testing
@testable import TelltaleCore

@Suite("HealthPolicy")
struct HealthPolicyTests {
    static let degradedReason = #"condition failed: body.status != "degraded" (was "degraded"); llm: LLM service timed out - graceful degradation active; Some services operating in degraded mode"#

    @Test("judges the sample answers with the standard policy, with exact reasons", arguments: [
        (200, HealthSamples.healthyText, HealthSamples.healthy, HealthState.healthy, "200 in 50ms"),
        (503, HealthSamples.startupFailedText, HealthSamples.startupFailed, .down,
         "503: Startup failed: Database initialization timeout after 8.0s in staging environment. This may indicate Cloud SQL connection issues. Check POSTGRES_HOST configuration and Cloud SQL instance accessibility…"),
        (503, HealthSamples.startupInProgressText, HealthSamples.startupInProgress, .down, "503: Startup in progress"),
        (200, HealthSamples.readyText, HealthSamples.ready, .healthy, "200 in 50ms"),
        (503, HealthSamples.readyDBDownText, HealthSamples.readyDBDown, .down, "503: Core database unavailable"),
        (200, HealthSamples.backendDegradedText, HealthSamples.backendDegraded, .degraded, degradedReason),
        (503, HealthSamples.platformText, nil, .down,
         "503: The request failed because either the HTTP response was malformed or connection to the instance had an error. Additional troubleshooting documentation can be found at: https://cloud.google.com/run/doc…"),
    ] as [(Int, String, JSONValue?, HealthState, String)])
    func samples(status: Int, body: String, json: JSONValue?, state: HealthState, reason: String) {
        let result = HealthSamples.result(status: status, body: body)
        #expect(HealthPolicy.standard().assess(result, json: json) == HealthAssessment(state: state, reason: reason))
    }

    @Test("a request without an answer is down with the transport's reason", arguments: [
        (HealthError.timeout(5), "timeout after 5s"),
        (.connectionRefused, "connection refused"),
        (.dnsFailure("backend.example"), "DNS lookup failed for backend.example"),
    ])
    func transport(error: HealthError, reason: String) {
        let result = HealthSamples.result(status: nil, latency: 5, error: error)
        #expect(HealthPolicy.standard().assess(result, json: nil) == HealthAssessment(state: .down, reason: reason))
    }

    @Test("writes the reason a person needs", arguments: [
        // An answer under 400 failing a condition names the condition and what it saw.
        (200, #"{"status":"unhealthy"}"#, JSONValue.object([("status", .string("unhealthy"))]), 0.05, HealthState.down,
         #"condition failed: body.status != "unhealthy" (was "unhealthy")"#),
        // Slow but otherwise fine: degraded, naming the latency.
        (200, HealthSamples.healthyText, HealthSamples.healthy, 3.6, .degraded, "condition failed: latency < 2s (was 3.6s)"),
        // Every failing degraded condition is named, then the body's own details.
        (200, HealthSamples.backendDegradedText, HealthSamples.backendDegraded, 2.5, .degraded,
         #"condition failed: body.status != "degraded" (was "degraded"); condition failed: latency < 2s (was 2.5s); llm: LLM service timed out - graceful degradation active; Some services operating in degraded mode"#),
        (500, "", nil, 0.05, .down, "500: empty body"),
        (502, "\n  \nBad Gateway\nnginx\n", nil, 0.05, .down, "502: Bad Gateway"),
        // A non-string `error` is skipped for the next key that is a string.
        (500, "{}", .object([("error", .object([("code", .number(7))])), ("reason", .string("pool exhausted"))]), 0.05, .down,
         "500: pool exhausted"),
        (500, "{}", .object([("message", .string("first")), ("detail", .string("second"))]), 0.05, .down, "500: first"),
    ] as [(Int, String, JSONValue?, Double, HealthState, String)])
    func reasons(status: Int, body: String, json: JSONValue?, latency: Double, state: HealthState, reason: String) {
        let result = HealthSamples.result(status: status, latency: latency, body: body)
        #expect(HealthPolicy.standard().assess(result, json: json) == HealthAssessment(state: state, reason: reason))
    }

    @Test func customConditionNamesWhatItSaw() throws {
        let policy = HealthPolicy(conditions: [try HealthSamples.condition(#"body.status == "healthy""#)])
        let result = HealthSamples.result(status: 200, body: HealthSamples.backendDegradedText)
        #expect(policy.assess(result, json: HealthSamples.backendDegraded)
            == HealthAssessment(state: .down, reason: #"condition failed: body.status == "healthy" (was "degraded")"#))
    }

    @Test func standardDefaults() throws {
        let standard = HealthPolicy.standard()
        #expect(standard.conditions.map(\.text) == ["status < 400", #"body.status != "unhealthy""#])
        #expect(standard.degradedWhen.map(\.text) == [#"body.status != "degraded""#, "latency < 2s"])
        #expect(standard.failureThreshold == 1)
        #expect(standard.successThreshold == 1)
    }

    @Test func thresholdsAreAtLeastOne() {
        let policy = HealthPolicy(conditions: [], failureThreshold: 0, successThreshold: -2)
        #expect(policy.failureThreshold == 1)
        #expect(policy.successThreshold == 1)
    }
}
