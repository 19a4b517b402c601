/// Evaluates the check criteria against a watch and decides the verdict.
///
/// The rules of the decision: any failed criterion fails the deploy; otherwise
/// anything inconclusive (no data, a source that failed, health that never
/// answered) makes it inconclusive; skipped criteria (their input was not given)
/// never decide. A deploy passes only on positive evidence.
public struct DeployVerdict: Sendable {
    public var verdict: Verdict
    public var checks: [CheckResult]
    /// Why the verdict is inconclusive even though no check says so (a failed source).
    public var notes: [String]

    /// What the evaluation needs to know beyond the watch itself.
    public struct Context: Sendable {
        /// Whether health endpoints were given (else health criteria are skipped).
        public var healthConfigured: Bool
        public init(healthConfigured: Bool) {
            self.healthConfigured = healthConfigured
        }
    }

    public static func evaluate(_ watch: DeployWatch, criteria: [CheckCriterion], context: Context) -> DeployVerdict {
        let checks = criteria.map { evaluate($0, watch: watch, context: context) }
        var notes: [String] = []
        for source in watch.sources where source.hasFailed {
            notes.append("source \(source.name) \(source.state.label)")
        }
        if watch.lines.total == 0 && watch.health.isEmpty {
            notes.append("no data: no log entry and no health result was read")
        }
        let verdict: Verdict
        if checks.contains(where: { $0.status == .fail }) {
            verdict = .fail
        } else if checks.contains(where: { $0.status == .inconclusive }) || !notes.isEmpty
                    || !checks.contains(where: { $0.status == .pass }) {
            verdict = .inconclusive
        } else {
            verdict = .pass
        }
        return DeployVerdict(verdict: verdict, checks: checks, notes: notes)
    }

    // MARK: - Criteria

    static func evaluate(_ criterion: CheckCriterion, watch: DeployWatch, context: Context) -> CheckResult {
        let name = criterion.name
        let hasLogs = watch.lines.total > 0
        let now = watch.now ?? 0
        let deployText = watch.lastDeployTime.map { "since the deploy at \(TimeText.clock($0))" } ?? "in the whole input (no deploy seen)"
        switch criterion {
        case .duplicationInWindow(let max):
            guard hasLogs else { return CheckResult(name: name, status: .inconclusive, detail: "no log entries were read") }
            let window = DurationText.format(seconds: watch.windows.long)
            let stats = subjects(watch, now: now)
            let over = stats.filter { $0.long > max }
            let parts = stats.isEmpty
                ? ["no duplication warnings in the last \(window)"]
                : stats.map { "\($0.user): \($0.long) in the last \(window)" }
            let detail = summarize(parts) + " (max \(max))"
            return CheckResult(
                name: name, status: over.isEmpty ? .pass : .fail, detail: detail,
                evidence: over.isEmpty ? [] : evidence(for: over.map(\.user), watch: watch)
            )
        case .duplicationSinceDeploy(let max):
            guard hasLogs else { return CheckResult(name: name, status: .inconclusive, detail: "no log entries were read") }
            let stats = subjects(watch, now: now)
            let over = stats.filter { $0.sinceDeploy > max }
            let parts = stats.isEmpty
                ? ["no duplication warnings"]
                : stats.map { "\($0.user): \($0.sinceDeploy)" }
            return CheckResult(
                name: name, status: over.isEmpty ? .pass : .fail,
                detail: summarize(parts) + " \(deployText) (max \(max))",
                evidence: over.isEmpty ? [] : evidence(for: over.map(\.user), watch: watch)
            )
        case .healthHealthy(let polls):
            guard context.healthConfigured else {
                return CheckResult(name: name, status: .skipped, detail: "no health endpoint given (--health)")
            }
            guard !watch.health.isEmpty else {
                return CheckResult(name: name, status: .inconclusive, detail: "no health result arrived")
            }
            var parts: [String] = []
            var status = CheckStatus.pass
            for endpoint in watch.health {
                let answered = endpoint.lastResult.map { $0.status != nil } ?? false
                if endpoint.resultCount - endpoint.failureCount == 0 && !answered {
                    status = status == .fail ? .fail : .inconclusive
                    parts.append("\(endpoint.name): never answered (\(endpoint.lastFailure?.reason ?? "no result"))")
                } else if endpoint.state == .healthy && endpoint.lastResultsHealthy(polls) {
                    parts.append("\(endpoint.name): healthy for the last \(polls) poll\(polls == 1 ? "" : "s")")
                } else if endpoint.resultCount < polls && endpoint.state == .healthy {
                    if status == .pass { status = .inconclusive }
                    parts.append("\(endpoint.name): only \(endpoint.resultCount) of \(polls) polls so far")
                } else {
                    status = .fail
                    let reason = endpoint.lastFailure?.reason ?? endpoint.state.rawValue
                    parts.append("\(endpoint.name): \(endpoint.state.rawValue) (\(reason))")
                }
            }
            return CheckResult(name: name, status: status, detail: summarize(parts))
        case .idManagerInitialized:
            guard hasLogs else { return CheckResult(name: name, status: .inconclusive, detail: "no log entries were read") }
            let idm = watch.idManager
            let count = watch.lastDeployTime == nil ? idm.initializedCount : idm.initializedSinceDeploy()
            let scope = watch.lastDeployTime == nil ? "" : " since the deploy"
            if count > 0 {
                let when = idm.lastInitialized.map { ", last at \(TimeText.clock($0))" } ?? ""
                return CheckResult(name: name, status: .pass, detail: "UnifiedIDManager initialized \(count)×\(scope)\(when)",
                                   evidence: lastEvidence(.idManagerInitialized, watch: watch, count: 1))
            }
            let before = idm.initializedCount > 0 ? " (\(idm.initializedCount)× before it)" : ""
            return CheckResult(name: name, status: .fail, detail: "UnifiedIDManager initialized not seen\(scope)\(before)")
        case .noDatabaseTimeoutSinceDeploy:
            guard hasLogs else { return CheckResult(name: name, status: .inconclusive, detail: "no log entries were read") }
            let db = watch.database
            let count = watch.lastDeployTime == nil ? db.timeouts : db.timeoutsSinceDeploy()
            return CheckResult(
                name: name, status: count == 0 ? .pass : .fail,
                detail: "\(count) database timeout\(count == 1 ? "" : "s") \(deployText)",
                evidence: count == 0 ? [] : lastEvidence(.databaseTimeout, watch: watch, count: 3)
            )
        case .noIDCollisionSinceDeploy:
            guard hasLogs else { return CheckResult(name: name, status: .inconclusive, detail: "no log entries were read") }
            let idm = watch.idManager
            let count = watch.lastDeployTime == nil ? idm.collisionCount : idm.collisionsSinceDeploy()
            var detail = "\(count) ID collision\(count == 1 ? "" : "s") \(deployText)"
            if count > 0, let newest = idm.recentCollisions.last {
                detail += "; newest: \(newest.entity) bound to \(newest.users.joined(separator: " and "))"
            }
            return CheckResult(name: name, status: count == 0 ? .pass : .fail, detail: detail)
        }
    }

    /// The counts of the users a duplication criterion is about: the watched
    /// ones, or every tracked user when none is watched.
    private static func subjects(_ watch: DeployWatch, now: Double) -> [UserDuplicationStats] {
        if !watch.watchedUsers.isEmpty { return watch.watchedUsers.map { watch.duplication.stats(for: $0, now: now) } }
        return watch.duplication.users(now: now)
    }

    private static func evidence(for users: [String], watch: DeployWatch) -> [LogRecord] {
        var records: [LogRecord] = []
        for user in users {
            if let log = watch.watchedEvidence[user] { records += log.records.suffix(3) }
        }
        if records.isEmpty { records = lastEvidence(.duplication, watch: watch, count: 3) }
        return records
    }

    private static func lastEvidence(_ signal: Signal, watch: DeployWatch, count: Int) -> [LogRecord] {
        Array((watch.evidence(of: signal)?.records ?? []).suffix(count))
    }

    /// Joins parts, keeping a long list readable ("a; b; c; … and 12 more").
    private static func summarize(_ parts: [String]) -> String {
        guard parts.count > 5 else { return parts.joined(separator: "; ") }
        return parts.prefix(5).joined(separator: "; ") + "; … and \(parts.count - 5) more"
    }
}
