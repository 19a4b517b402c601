/// The most recent result that was not healthy, kept for the dashboard.
///
/// A person looking at a green endpoint still wants to know when and why it
/// last failed; that answer outlives the state it caused.
public struct HealthFailure: Sendable, Equatable {
    /// The result's start time, seconds since 1970.
    public let at: Double
    /// `down` or `degraded`, as that one result was judged.
    public let state: HealthState
    /// What a person needs to read: `timeout after 5s`, `503: Core database unavailable`.
    public let reason: String

    public init(at: Double, state: HealthState, reason: String) {
        self.at = at
        self.state = state
        self.reason = reason
    }
}
