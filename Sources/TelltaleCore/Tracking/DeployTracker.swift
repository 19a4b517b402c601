/// Detects deploys from the revisions in the logs and the versions in health bodies.
///
/// The first revision seen is the one already serving, not a deploy. A revision
/// never seen before is a deploy. A known revision seen again is not: during a
/// rollout the old and the new revision both log, so flipping between them says
/// nothing new. Health versions follow the same rule, separately per endpoint.
/// The known revisions are bounded (oldest forgotten first) so a long session
/// cannot grow without limit, and so is the deploy history.
public struct DeployTracker: Sendable {
    /// How many deploys `deploys` keeps.
    public static let deployHistoryLimit = 100

    public let knownRevisionLimit: Int
    /// Detected and marked deploys, oldest first (the newest 100).
    public private(set) var deploys: [Deploy] = []
    /// The revision serving according to the logs: the first seen, then the
    /// newest deployed.
    public private(set) var currentRevision: String?
    private var knownRevisions: [String] = []
    private var knownVersions: [String: [String]] = [:]
    private var currentVersions: [String: String] = [:]

    public init(knownRevisionLimit: Int = 256) {
        self.knownRevisionLimit = max(1, knownRevisionLimit)
    }

    /// The newest deploy detected or marked.
    public var lastDeploy: Deploy? { deploys.last }

    /// The version a health endpoint serves: its first, then its newest deployed.
    public func currentVersion(endpoint: String) -> String? { currentVersions[endpoint] }

    /// Notes a log entry's revision; returns the deploy when it is a new one.
    public mutating func observe(revision: String, at time: Double) -> Deploy? {
        // Nearly every entry names the current revision: it is known already.
        guard !revision.isEmpty, revision != currentRevision else { return nil }
        let isFirst = knownRevisions.isEmpty
        guard remember(revision, in: &knownRevisions) else { return nil }
        currentRevision = revision
        if isFirst { return nil }
        return append(Deploy(at: time, revision: revision, origin: .logs))
    }

    /// Notes the version a health endpoint reported; returns the deploy when it is
    /// a new one for that endpoint.
    public mutating func observe(version: String, endpoint: String, at time: Double) -> Deploy? {
        guard !version.isEmpty else { return nil }
        var known = knownVersions[endpoint] ?? []
        let isFirst = known.isEmpty
        let isNew = remember(version, in: &known)
        knownVersions[endpoint] = known
        guard isNew else { return nil }
        currentVersions[endpoint] = version
        if isFirst { return nil }
        return append(Deploy(at: time, revision: version, origin: .health))
    }

    /// Marks a deploy by hand (`label` names it).
    @discardableResult
    public mutating func mark(at time: Double, label: String) -> Deploy {
        append(Deploy(at: time, revision: label, origin: .manual))
    }

    // MARK: - Internals

    /// Adds `value` to `known` unless present; true when it was new.
    private func remember(_ value: String, in known: inout [String]) -> Bool {
        if known.contains(value) { return false }
        known.append(value)
        if known.count > knownRevisionLimit { known.removeFirst(known.count - knownRevisionLimit) }
        return true
    }

    private mutating func append(_ deploy: Deploy) -> Deploy {
        deploys.append(deploy)
        if deploys.count > Self.deployHistoryLimit {
            deploys.removeFirst(deploys.count - Self.deployHistoryLimit)
        }
        return deploy
    }
}
