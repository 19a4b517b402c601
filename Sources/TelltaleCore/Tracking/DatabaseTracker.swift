/// Tracks the core database from log lines and health bodies.
///
/// Evidence comes from two directions: log lines (timeouts, connection errors,
/// `Database connection established`) and readiness bodies (`core_db`,
/// `capabilities.database_connectivity`, `"Core database unavailable"`). The
/// state follows the evidence with the newest log time, since sources are
/// merged and can arrive out of order; a recovery right after a failure is
/// reported as degraded for one short window, because a database that just came
/// back often fails again.
public struct DatabaseTracker: Sendable {
    /// One piece of evidence about the database, in log time.
    private enum Evidence: Sendable {
        case failure
        case up
        case degraded
    }

    public let windows: CounterWindows
    private var timeoutCounts: EventCount
    private var errorCounts: EventCount
    private var newestEvidence: (at: Double, kind: Evidence)?
    private var newestFailureAt: Double?
    private var newestUpAt: Double?
    private var newestBodyDegraded = false
    private var newestBodyAt: Double?
    public private(set) var lastFailure: DatabaseFailure?
    /// Start of the current run of up evidence (nil while down or unknown).
    public private(set) var upSince: Double?

    public init(windows: CounterWindows) {
        self.windows = windows
        timeoutCounts = EventCount(span: windows.long)
        errorCounts = EventCount(span: windows.long)
    }

    // MARK: - Recording

    public mutating func recordTimeout(at time: Double, message: String) {
        timeoutCounts.add(at: time)
        noteFailure(at: time, text: message)
    }

    public mutating func recordError(at time: Double, message: String) {
        errorCounts.add(at: time)
        noteFailure(at: time, text: message)
    }

    public mutating func recordRecovered(at time: Double) {
        noteUp(at: time)
    }

    /// Reads the database fields of a health body; bodies without any are ignored.
    ///
    /// - Parameters:
    ///   - body: the parsed body.
    ///   - status: the HTTP status, quoted in the failure text.
    ///   - time: when the body was received.
    public mutating func recordHealth(_ body: JSONValue, status: Int?, at time: Double) {
        guard let evidence = Self.evidence(in: body) else { return }
        if newestBodyAt.map({ time >= $0 }) ?? true {
            newestBodyAt = time
            newestBodyDegraded = evidence == .degraded
        }
        switch evidence {
        case .failure:
            let reason = body["detail"]?.stringValue ?? "core_db: " + (Self.databaseField(in: body) ?? "down")
            noteFailure(at: time, text: status.map { "health \($0): " + reason } ?? "health: " + reason)
        case .up:
            noteUp(at: time)
        case .degraded:
            noteEvidence(.degraded, at: time)
        }
    }

    /// Starts the since-deploy split at `time`.
    public mutating func deployed(at time: Double) {
        timeoutCounts.deployed(at: time)
        errorCounts.deployed(at: time)
    }

    // MARK: - Readouts

    public var timeouts: Int { timeoutCounts.total }
    public var errors: Int { errorCounts.total }
    public func timeoutsSinceDeploy() -> Int { timeoutCounts.sinceDeploy }
    public func errorsSinceDeploy() -> Int { errorCounts.sinceDeploy }
    public func timeouts(inLast seconds: Double, now: Double) -> Int { timeoutCounts.count(inLast: seconds, now: now) }
    public func errors(inLast seconds: Double, now: Double) -> Int { errorCounts.count(inLast: seconds, now: now) }

    /// Unknown before any evidence; down when the newest evidence is a failure;
    /// degraded when it is a recovery but a failure happened within the short
    /// window before `now`, or the newest health body said degraded; up otherwise.
    public func state(now: Double) -> DatabaseState {
        guard let newest = newestEvidence else { return .unknown }
        switch newest.kind {
        case .failure:
            return .down
        case .degraded:
            return .degraded
        case .up:
            if newestBodyDegraded { return .degraded }
            if let failure = newestFailureAt, now - failure < windows.short { return .degraded }
            return .up
        }
    }

    // MARK: - Internals

    private mutating func noteFailure(at time: Double, text: String) {
        if lastFailure.map({ time >= $0.at }) ?? true { lastFailure = DatabaseFailure(at: time, text: text) }
        if newestFailureAt.map({ time > $0 }) ?? true { newestFailureAt = time }
        if let start = upSince, start <= time {
            // The run of up evidence is broken; the next up after this failure
            // (if one already arrived out of order) starts a new run.
            upSince = newestUpAt.flatMap { $0 > time ? $0 : nil }
        }
        noteEvidence(.failure, at: time)
    }

    private mutating func noteUp(at time: Double) {
        if newestUpAt.map({ time > $0 }) ?? true { newestUpAt = time }
        if newestFailureAt.map({ time > $0 }) ?? true {
            if upSince.map({ time < $0 }) ?? true { upSince = time }
        }
        noteEvidence(.up, at: time)
    }

    private mutating func noteEvidence(_ kind: Evidence, at time: Double) {
        guard time.isFinite else { return }
        if newestEvidence.map({ time >= $0.at }) ?? true { newestEvidence = (time, kind) }
    }

    /// What a health body says about the database: down beats degraded beats up.
    private static func evidence(in body: JSONValue) -> Evidence? {
        if body["detail"]?.stringValue == "Core database unavailable" { return .failure }
        var found: Evidence?
        if let field = databaseField(in: body) {
            let value = field.lowercased()
            if ["connected", "ok", "up", "healthy"].contains(value) {
                found = .up
            } else if !value.hasPrefix("skipped") {
                return .failure
            }
        }
        if let connectivity = body.value(atPath: "capabilities.database_connectivity")?.boolValue {
            if !connectivity { return .degraded }
            found = found ?? .up
        }
        return found
    }

    /// The first of `core_db`, `database`, `db` that is a string.
    private static func databaseField(in body: JSONValue) -> String? {
        for key in ["core_db", "database", "db"] {
            if let value = body[key]?.stringValue { return value }
        }
        return nil
    }
}
