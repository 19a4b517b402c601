/// The backend's health as a whole: the worst of its endpoints.
///
/// One endpoint down means the deploy is not good, whatever the others say;
/// endpoints not polled yet do not count either way.
public struct HealthOverview: Sendable {
    public let endpoints: [HealthEndpointTracker]

    public init(_ endpoints: [HealthEndpointTracker]) {
        self.endpoints = endpoints
    }

    /// The worst state among the endpoints (see `HealthState.worst`).
    public var state: HealthState { HealthState.worst(endpoints.map(\.state)) }

    /// `name: reason` for each endpoint now degraded or down, worst first, so
    /// a verdict can say why without the dashboard.
    public var problems: [String] {
        endpoints.enumerated()
            .filter { $0.element.state == .degraded || $0.element.state == .down }
            .sorted { ($0.element.state, $1.offset) > ($1.element.state, $0.offset) }
            .map { "\($0.element.name): \($0.element.lastFailure?.reason ?? $0.element.state.rawValue)" }
    }

    /// Whether every endpoint's last `n` results were healthy and the overall
    /// state is healthy; false with no endpoints, since nothing was shown.
    public func lastResultsHealthy(_ n: Int) -> Bool {
        !endpoints.isEmpty && state == .healthy && endpoints.allSatisfy { $0.lastResultsHealthy(n) }
    }
}
