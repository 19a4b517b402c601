/// An endpoint moved from one state to another, once its thresholds were met.
///
/// Changes, not individual results, are what the event log and the verdict
/// report, so each carries the reason of the result that tipped it.
public struct HealthStateChange: Sendable, Equatable {
    public let endpoint: String
    public let from: HealthState
    public let to: HealthState
    /// The tipping result's start time, seconds since 1970.
    public let at: Double
    public let reason: String

    public init(endpoint: String, from: HealthState, to: HealthState, at: Double, reason: String) {
        self.endpoint = endpoint
        self.from = from
        self.to = to
        self.at = at
        self.reason = reason
    }
}
