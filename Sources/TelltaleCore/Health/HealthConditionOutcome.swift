/// What one condition made of one health result.
///
/// `actual` is kept next to the verdict because a failed condition is only
/// useful to a person together with what the endpoint really answered.
public struct HealthConditionOutcome: Sendable, Equatable {
    /// Whether the condition held.
    public let passed: Bool
    /// The left side as observed: `503`, `"degraded"`, `3.6s`, `missing`, or the
    /// transport error when no answer arrived.
    public let actual: String

    public init(passed: Bool, actual: String) {
        self.passed = passed
        self.actual = actual
    }
}
