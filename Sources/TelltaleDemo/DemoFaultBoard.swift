import Synchronization

/// The faults currently switched on, shared by the control endpoint and every request.
final class DemoFaultBoard: Sendable {
    private let rules: Mutex<[DemoFaultRule]>

    init(_ initial: [DemoFaultRule]) {
        rules = Mutex(initial.filter { $0.mode != .none })
    }

    var current: [DemoFaultRule] {
        rules.withLock { $0 }
    }

    /// Applies a control request: `none` clears the endpoint's rule (or every rule when no
    /// endpoint is named); any other mode replaces the rule for the same endpoint.
    func apply(_ rule: DemoFaultRule) {
        rules.withLock { rules in
            if rule.mode == .none && rule.endpoint == nil {
                rules.removeAll()
                return
            }
            rules.removeAll { $0.endpoint == rule.endpoint }
            if rule.mode != .none { rules.append(rule) }
        }
    }

    /// The fault for a request path: a rule naming the path wins over a general one.
    func fault(for path: String) -> DemoFault {
        let rules = current
        if let exact = rules.first(where: { $0.endpoint == path && $0.applies(to: path) }) {
            return exact.mode
        }
        return rules.first(where: { $0.endpoint == nil && $0.applies(to: path) })?.mode ?? .none
    }
}
