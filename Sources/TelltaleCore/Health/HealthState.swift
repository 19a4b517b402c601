/// How an endpoint (or the whole backend) is doing.
///
/// Ordered by badness, `unknown < healthy < degraded < down`, so sorting puts
/// the worst last. That order is not the rule for combining endpoints: an
/// endpoint never polled yet says nothing, so `worst(_:)` ignores it.
public enum HealthState: String, Sendable, CaseIterable, Comparable {
    /// No result decided a state yet.
    case unknown
    case healthy
    /// Answering and usable, but a `degradedWhen` condition failed.
    case degraded
    case down

    private var badness: Int {
        switch self {
        case .unknown: 0
        case .healthy: 1
        case .degraded: 2
        case .down: 3
        }
    }

    public static func < (lhs: HealthState, rhs: HealthState) -> Bool {
        lhs.badness < rhs.badness
    }

    /// The overall state of several endpoints: down over degraded over healthy;
    /// unknown only when every state is unknown (or there are none).
    public static func worst(_ states: [HealthState]) -> HealthState {
        states.filter { $0 != .unknown }.max() ?? .unknown
    }
}
