/// Exact counts of what the demo script emitted up to a simulated time.
///
/// Tests compare a watcher's counters against these; they are counted from the script's
/// structured entries, not by parsing the lines, so they are independent of any parser.
public struct DemoGroundTruth: Sendable, Equatable {
    /// Counts for one side of the deploy.
    public struct Period: Sendable, Equatable {
        /// Log lines in the period.
        public var lines = 0
        /// `SSOT VALIDATION: Multiple manager instances for user X - potential duplication`
        /// lines per user: one per user per duplication event.
        public var duplicationWarnings: [String: Int] = [:]
        /// `SSOT validation issues (non-blocking): [...]` lines; each follows the warnings of
        /// its event and names the same users, so it is not a new duplication.
        public var duplicationIssueLists = 0
        /// `SSOT VIOLATION: Multiple manager instances for user X` lines per user.
        public var ssotViolations: [String: Int] = [:]
        /// `DUPLICATE CONNECTION REGISTRATION DETECTED` lines.
        public var duplicateRegistrations = 0

        /// Duplication events naming the user (its `SSOT VALIDATION` warnings).
        public func duplications(of user: String) -> Int {
            duplicationWarnings[user, default: 0]
        }
    }

    /// Simulated seconds covered: the counts are for `0 ..< upTo`.
    public let upTo: Double
    /// The phase at `upTo`.
    public let phase: DemoPhase
    /// All log lines.
    public var lines = 0
    public var linesByShape: [DemoLogShape: Int] = [:]
    public var linesBySeverity: [String: Int] = [:]
    /// Lines whose message is `Database initialization timeout after 8.0s ...` itself (the
    /// `PHASE FAILED` and middleware lines that quote it are not counted).
    public var databaseTimeouts = 0
    /// `UnifiedIDManager initialized` lines.
    public var idManagerInits = 0
    /// `Database connection established (pool_size=5)` lines.
    public var databaseConnections = 0
    /// Log time (seconds since 1970) at which the new revision started serving, once reached.
    public var deployTime: Double?
    /// Revision names seen in LogEntry lines, in order of first appearance.
    public var revisions: [String] = []
    /// Before the deploy (simulated time < 150 s).
    public var beforeDeploy = Period()
    /// From the deploy on.
    public var afterDeploy = Period()

    init(upTo: Double, phase: DemoPhase) {
        self.upTo = upTo
        self.phase = phase
    }

    mutating func record(_ entry: DemoEntry, revision: String, afterDeploy isAfter: Bool) {
        lines += 1
        linesByShape[entry.shape, default: 0] += 1
        linesBySeverity[entry.severity, default: 0] += 1
        if entry.shape == .logEntry && !revisions.contains(revision) {
            revisions.append(revision)
        }
        var period = isAfter ? afterDeploy : beforeDeploy
        period.lines += 1
        switch entry.fact {
        case .duplicationWarning(let user): period.duplicationWarnings[user, default: 0] += 1
        case .duplicationIssueList: period.duplicationIssueLists += 1
        case .ssotViolation(let user): period.ssotViolations[user, default: 0] += 1
        case .duplicateRegistration: period.duplicateRegistrations += 1
        case .databaseTimeout: databaseTimeouts += 1
        case .idManagerInitialized: idManagerInits += 1
        case .databaseConnected: databaseConnections += 1
        case nil: break
        }
        if isAfter { afterDeploy = period } else { beforeDeploy = period }
    }
}
