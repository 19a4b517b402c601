/// How a policy judged one single health result, before thresholds apply.
///
/// Kept separate from the endpoint's state because one bad poll is evidence,
/// not yet a state change; the tracker decides when evidence is enough.
public struct HealthAssessment: Sendable, Equatable {
    /// `healthy`, `degraded` or `down` (never `unknown`).
    public let state: HealthState
    /// Why: `200 in 45ms` when healthy, else the failure a person needs to read.
    public let reason: String

    public init(state: HealthState, reason: String) {
        self.state = state
        self.reason = reason
    }
}
