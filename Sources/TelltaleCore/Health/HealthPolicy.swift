/// What makes one health result healthy, degraded or down, and how many
/// results in a row it takes to change an endpoint's state.
///
/// Two lists because "answering but impaired" is a different page from "not
/// answering": a result failing any of `conditions` is down; one passing those
/// but failing any of `degradedWhen` is degraded.
public struct HealthPolicy: Sendable, Equatable {
    /// Each must hold, or the result is down.
    public var conditions: [HealthCondition]
    /// Each must hold for the result to be healthy rather than degraded.
    public var degradedWhen: [HealthCondition]
    /// Consecutive failing results needed to go degraded or down (at least 1).
    public var failureThreshold: Int
    /// Consecutive healthy results needed to go back to healthy (at least 1).
    public var successThreshold: Int

    public init(
        conditions: [HealthCondition], degradedWhen: [HealthCondition] = [],
        failureThreshold: Int = 1, successThreshold: Int = 1
    ) {
        self.conditions = conditions
        self.degradedWhen = degradedWhen
        self.failureThreshold = max(1, failureThreshold)
        self.successThreshold = max(1, successThreshold)
    }

    /// The policy for the watched backend's endpoints.
    ///
    /// Down when `status < 400` or `body.status != "unhealthy"` fails (the
    /// backend answers 503 with `"status": "unhealthy"` while starting or after
    /// a failed startup); degraded when `body.status != "degraded"` fails (the
    /// `/health/backend` body) or `latency < 2s` fails (the staging health check
    /// itself times out at 3 s, and real hangs took 3.6 s to 55 s). Thresholds
    /// of 1: a deploy check wants to see every change at once.
    public static func standard() -> HealthPolicy {
        HealthPolicy(
            conditions: [standardCondition("status < 400"), standardCondition(#"body.status != "unhealthy""#)],
            degradedWhen: [standardCondition(#"body.status != "degraded""#), standardCondition("latency < 2s")],
            failureThreshold: 1, successThreshold: 1
        )
    }

    private static func standardCondition(_ text: String) -> HealthCondition {
        do {
            return try HealthCondition(parsing: text)
        } catch {
            preconditionFailure("built-in health condition does not parse: \(error)")
        }
    }

    /// Judges one result on its own.
    ///
    /// - Parameters:
    ///   - result: the poller's result.
    ///   - json: the body parsed as JSON, or nil when it is not JSON.
    public func assess(_ result: HealthResult, json: JSONValue?) -> HealthAssessment {
        if let error = result.error { return HealthAssessment(state: .down, reason: error.reason) }
        guard let status = result.status else { return HealthAssessment(state: .down, reason: "no response") }
        for condition in conditions {
            let outcome = condition.evaluate(result, json: json)
            if outcome.passed { continue }
            let reason = status >= 400
                ? HealthReasonText.httpFailure(status: status, body: result.body, json: json)
                : HealthReasonText.conditionFailed(condition, actual: outcome.actual)
            return HealthAssessment(state: .down, reason: reason)
        }
        let failed = degradedWhen.compactMap { condition -> String? in
            let outcome = condition.evaluate(result, json: json)
            return outcome.passed ? nil : HealthReasonText.conditionFailed(condition, actual: outcome.actual)
        }
        if !failed.isEmpty {
            let reason = (failed + HealthReasonText.degradationDetails(json: json)).joined(separator: "; ")
            return HealthAssessment(state: .degraded, reason: reason)
        }
        return HealthAssessment(state: .healthy, reason: "\(status) in \(DurationText.format(seconds: result.latency))")
    }
}
