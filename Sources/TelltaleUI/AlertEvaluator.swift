import TelltaleCore

/// Decides which alerts are active for a watch, and which were just raised or
/// cleared (a raise rings the bell once and logs an event).
///
/// Pure over the watch; the only memory is what was active last time and, per
/// endpoint, the poll count at which it went down.
public struct AlertEvaluator: Sendable {
    public let policy: AlertThresholds
    public private(set) var active: [DashboardAlert] = []
    private var downSincePoll: [String: Int] = [:]

    public init(policy: AlertThresholds = AlertThresholds()) {
        self.policy = policy
    }

    /// What changed since the last evaluation.
    public struct Changes: Sendable, Equatable {
        public var raised: [DashboardAlert] = []
        public var cleared: [DashboardAlert] = []
    }

    public mutating func evaluate(_ watch: DeployWatch) -> Changes {
        let now = watch.now ?? 0
        var current: [DashboardAlert] = []
        if let limit = policy.duplicationAbove {
            for user in watch.watchedUsers {
                let stats = watch.duplication.stats(for: user, now: now)
                if stats.long > limit {
                    current.append(DashboardAlert(
                        kind: .duplication, subject: user, panel: .duplication,
                        text: "\(user): \(stats.long) duplication entries in \(DurationText.format(seconds: watch.windows.long))"))
                }
            }
        }
        for endpoint in watch.health {
            guard endpoint.state == .down else {
                downSincePoll[endpoint.name] = nil
                continue
            }
            // The state turned down after `failureThreshold` failing polls in a row.
            let start = downSincePoll[endpoint.name] ?? max(1, endpoint.resultCount - endpoint.policy.failureThreshold + 1)
            downSincePoll[endpoint.name] = start
            let polls = endpoint.resultCount - start + 1
            if let needed = policy.healthDownPolls, polls >= needed {
                current.append(DashboardAlert(
                    kind: .healthDown, subject: endpoint.name, panel: .health,
                    text: "\(endpoint.name) down for \(polls) polls"))
            }
        }
        if policy.databaseTimeoutSinceDeploy, watch.lastDeployTime != nil {
            let count = watch.database.timeoutsSinceDeploy()
            if count > 0 {
                current.append(DashboardAlert(
                    kind: .databaseTimeout, subject: "database", panel: .database,
                    text: "\(count) database timeout\(count == 1 ? "" : "s") since the deploy"))
            }
        }
        let changes = Changes(
            raised: current.filter { alert in !active.contains { $0.kind == alert.kind && $0.subject == alert.subject } },
            cleared: active.filter { alert in !current.contains { $0.kind == alert.kind && $0.subject == alert.subject } })
        active = current
        return changes
    }
}
