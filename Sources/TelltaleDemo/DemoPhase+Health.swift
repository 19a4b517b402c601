extension DemoPhase {
    /// The response a health path gives in this phase, with the real backend's bodies.
    ///
    /// - Parameters:
    ///   - path: `/health`, `/health/ready` or `/health/backend`.
    ///   - logTime: Seconds since 1970, for the bodies' timestamps.
    /// - Returns: nil for a path that is not a health endpoint.
    public func healthResponse(for path: String, logTime: Double) -> DemoHealthResponse? {
        let isServing = self == .serving || self == .deployed
        let stamp = DemoTimestamp(logTime).isoMillisZulu
        switch path {
        case "/health":
            switch self {
            case .startingUp:
                return DemoHealthResponse(status: 503, body: #"{"status":"unhealthy","message":"Startup in progress","startup_in_progress":true,"details":{"phase":"database"}}"#)
            case .startupFailed:
                return DemoHealthResponse(status: 503, body: #"{"status":"unhealthy","message":"Startup failed: "# + DemoStory.databaseTimeout + #"","startup_failed":true}"#)
            case .serving, .deployed:
                let millis = Int64((logTime * 1000).rounded())
                let seconds = "\(millis / 1000).\(DemoTimestamp.zeroPadded(Int(millis % 1000), width: 3))"
                return DemoHealthResponse(status: 200, body: #"{"status":"healthy","service":"netra-ai-platform","version":""# + version + #"","timestamp":"# + seconds + "}")
            }
        case "/health/ready":
            guard isServing else { return Self.databaseUnavailable }
            return DemoHealthResponse(status: 200, body: #"{"status":"ready","service":"netra-ai-platform","timestamp":""# + stamp + #"","environment":"staging","core_db":"connected","clickhouse_db":"skipped_optional","redis_db":"connected","websocket_readiness":{"ready":true},"details":{}}"#)
        case "/health/backend":
            guard isServing else { return Self.databaseUnavailable }
            return DemoHealthResponse(status: 200, body: #"{"service":"backend-service","version":""# + version + #"","timestamp":""# + stamp + #"","status":"degraded","environment":"staging","capabilities":{"agent_execution":true,"tool_system":true,"llm_integration":false,"websocket_integration":true,"database_connectivity":false},"service_criticality":{"llm":"optional_degraded"},"degraded_services":[{"service":"llm","status":"timeout","message":"LLM service timed out - graceful degradation active"}],"golden_path_ready":true,"readiness_score":0.6,"failed_services":{},"failure_analysis":{"should_fail":false,"reason":"Sufficient services operational","environment_config":{"allow_partial_startup":true,"failure_threshold":0.3}},"warnings":["Some services operating in degraded mode"]}"#)
        default:
            return nil
        }
    }

    /// FastAPI's answer when the readiness dependency cannot reach Postgres in 2 s.
    private static let databaseUnavailable = DemoHealthResponse(status: 503, body: #"{"detail":"Core database unavailable"}"#)
}
