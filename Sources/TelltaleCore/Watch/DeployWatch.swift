/// The whole state of one deploy watch: every counter, tracker and timeline,
/// fed record by record and health result by health result.
///
/// This is the core's single entry point. The headless `check`, the dashboard and
/// `replay` all feed one `DeployWatch` and read from it; it does no I/O and has no
/// clock. "Now" is the newest log time seen, so a recorded file gives the same
/// answer as the live stream; a live caller may advance it with
/// `advanceClock(wallTime:)` while the logs are quiet.
public struct DeployWatch: Sendable {
    public let rules: RuleSet
    public let windows: CounterWindows
    public let watchedUsers: [String]

    public private(set) var lines = LineCounts()
    public private(set) var duplication: DuplicationCounter
    public private(set) var websocket: TemplateCounter
    public private(set) var idManager: IDManagerTracker
    public private(set) var database: DatabaseTracker
    public private(set) var deploys = DeployTracker()
    /// Health trackers in the order endpoints first reported.
    public private(set) var health: [HealthEndpointTracker] = []
    public private(set) var sources: [SourceStatus] = []
    public private(set) var events: [WatchEvent] = []

    /// Evidence: the newest entries of each signal, and per watched user.
    public var evidence: [Signal: EvidenceLog] {
        var bySignal: [Signal: EvidenceLog] = [:]
        for signal in Signal.allCases { bySignal[signal] = evidenceBySignal[signal.ordinal] }
        return bySignal
    }
    /// The newest entries of one signal; nil before its first.
    public func evidence(of signal: Signal) -> EvidenceLog? { evidenceBySignal[signal.ordinal] }
    /// Each signal's evidence at its `ordinal`: filed once per matched
    /// entry, where a dictionary hashed the signal each time.
    private var evidenceBySignal = [EvidenceLog?](repeating: nil, count: Signal.allCases.count)
    public private(set) var watchedEvidence: [String: EvidenceLog] = [:]
    /// The newest entries of any kind (the log tail), when `keepsTail`.
    public private(set) var tail: EvidenceLog
    /// Whether the watch keeps a log tail: a headless check shows none, and
    /// not keeping one lets every entry that only counts skip its text.
    public let keepsTail: Bool

    /// The newest log time seen, or the wall time a live caller advanced to.
    public private(set) var now: Double?
    /// The newest time carried by a log record.
    public private(set) var newestLogTime: Double?
    /// Log time minus arrival time of the newest timed record: maps a wall-clock
    /// instant (a health poll) onto the log timeline. About minus the logging lag
    /// for a live backend; large for a replay or the sped-up demo, whose log
    /// clock runs elsewhere or faster.
    public private(set) var logClockOffset: Double?

    private let healthPolicies: [String: HealthPolicy]
    private var lastDatabaseState: DatabaseState = .unknown
    private let eventCapacity = 500

    /// - Parameter tailCapacity: how many of the newest entries the log tail
    ///   keeps; 0 keeps no tail.
    public init(
        rules: RuleSet, windows: CounterWindows = CounterWindows(), watchedUsers: [String] = [],
        healthPolicies: [String: HealthPolicy] = [:], tailCapacity: Int = 200
    ) {
        self.rules = rules
        tail = EvidenceLog(capacity: max(1, tailCapacity))
        keepsTail = tailCapacity > 0
        self.windows = windows
        self.watchedUsers = watchedUsers
        self.healthPolicies = healthPolicies
        duplication = DuplicationCounter(windows: windows, watchedUsers: watchedUsers)
        websocket = TemplateCounter(windows: windows)
        idManager = IDManagerTracker()
        database = DatabaseTracker(windows: windows)
        for user in watchedUsers { watchedEvidence[user] = EvidenceLog() }
    }

    // MARK: - Feeding

    /// Counts one log entry and feeds every signal its rules find in it.
    public mutating func ingest(_ record: LogRecord) {
        ingest(PreparedRecord(record, rules: rules))
    }

    /// Counts one prepared entry (prepared with this watch's rules) and feeds
    /// every signal it matched.
    public mutating func ingest(_ prepared: PreparedRecord) {
        var source = SourceLookup()
        withUnsafePointer(to: prepared) { ingest($0, source: &source, intoTail: keepsTail) }
    }

    /// Counts prepared entries in order, as one `ingest` each would.
    ///
    /// Only the entries that end up in the log tail are copied into it: the
    /// tail keeps the newest `tail.capacity`, and nobody can look between two
    /// entries of one batch. Those must be whole (`PreparedRecord.isWhole`);
    /// `LogReader.prepare(wholeTail:)` prepares a batch so.
    public mutating func ingest(_ batch: [PreparedRecord]) {
        batch.withUnsafeBufferPointer { ingest($0) }
    }

    /// `ingest(_:)` of records where they lie (a shared batch's buffer).
    public mutating func ingest(_ records: UnsafeBufferPointer<PreparedRecord>) {
        let tailFrom = keepsTail ? records.count - tail.capacity : records.count
        var source = SourceLookup()
        // Through pointers, so each record is read where it lies, not copied
        // (a copy retains every string of the record): passed as a borrowed
        // value to a mutating method, the buffer's element was copied first.
        guard let first = records.baseAddress else { return }
        for i in records.indices {
            ingest(first + i, source: &source, intoTail: i >= tailFrom)
        }
    }

    /// The last source an entry came from and its index: the entries of a
    /// batch share one, which spares a name comparison per source per entry.
    private struct SourceLookup {
        var id: SourceID?
        var index: Int?
    }

    private mutating func ingest(_ prepared: UnsafePointer<PreparedRecord>, source: inout SourceLookup, intoTail: Bool) {
        lines.total += 1
        if prepared.pointee.shape.isParsed { lines.parsed += 1 } else { lines.unparsed += 1 }
        if prepared.pointee.truncated { lines.truncated += 1 }
        if source.id != prepared.pointee.sourceID {
            source.id = prepared.pointee.sourceID
            let name = prepared.pointee.source
            source.index = sources.firstIndex(where: { $0.name == name })
        }
        if let i = source.index { sources[i].entries += 1 }

        let t = prepared.pointee.effectiveTime
        if let time = prepared.pointee.time, time >= (newestLogTime ?? time) {
            newestLogTime = time
            logClockOffset = time - prepared.pointee.arrival
        }
        now = max(now ?? t, t)
        if intoTail {
            assert(prepared.pointee.isWhole, "an entry prepared for counting only reached the log tail")
            if let shared = prepared.pointee.shared {
                tail.append(shared: shared)
            } else {
                tail.append(prepared.pointee.record)
            }
        }

        if let revision = prepared.pointee.revision, let deploy = deploys.observe(revision: revision, at: t) {
            applyDeploy(deploy)
        }

        if !prepared.pointee.ids.isEmpty { idManager.record(ids: prepared.pointee.ids, at: t) }
        if let matched = prepared.pointee.matched { apply(matched, at: t) }
    }

    /// Applies one entry's rule matches, once per signal: several rules of one
    /// signal matching one entry still count that entry once.
    private mutating func apply(_ matched: PreparedRecord.Whole, at t: Double) {
        // The signals as bits of their ordinals: a list of them was an
        // allocation per matched entry.
        var signalBits: UInt32 = 0
        var users: [String] = []
        for match in matched.matches {
            signalBits |= 1 << UInt32(match.signal.ordinal)
            switch match.signal {
            case .duplication:
                // A match's values hold no repeats: the first match's list
                // is taken as it is (a new list was another allocation).
                let values = match.values("user")
                if users.isEmpty {
                    users = values
                } else {
                    for user in values where !users.contains(user) { users.append(user) }
                }
            case .idBinding:
                for entity in match.values("entity") {
                    idManager.recordBinding(entity: entity, users: match.values("user"), at: t)
                }
            case .deploy:
                let revision = match.values("revision").first ?? "deploy at \(TimeText.clock(t))"
                if let deploy = deploys.observe(revision: revision, at: t) { applyDeploy(deploy) }
            default:
                break
            }
        }
        func has(_ signal: Signal) -> Bool { signalBits & 1 << UInt32(signal.ordinal) != 0 }
        var bits = signalBits
        while bits != 0 {
            let ordinal = bits.trailingZeroBitCount
            bits &= bits &- 1
            if evidenceBySignal[ordinal] == nil { evidenceBySignal[ordinal] = EvidenceLog() }
            evidenceBySignal[ordinal]!.append(shared: matched)
        }

        if has(.duplication) {
            duplication.record(users: users, at: t)
            if !watchedEvidence.isEmpty {
                for user in users { watchedEvidence[user]?.append(shared: matched) }
            }
        }
        // Duplication entries are WebSocket manager warnings too, whatever their logger.
        if has(.websocketWarning) || has(.duplication) {
            websocket.record(message: matched.record.message, at: t)
        }
        if has(.idManagerInitialized) { idManager.recordInitialized(at: t) }
        if has(.databaseTimeout) {
            database.recordTimeout(at: t, message: matched.record.message)
        } else if has(.databaseError) {
            database.recordError(at: t, message: matched.record.message)
        }
        if has(.databaseRecovered) { database.recordRecovered(at: t) }
        noteDatabaseState(at: t)
    }

    /// Feeds one health poll result: the endpoint's state, database evidence from
    /// readiness bodies, and deploy detection from the body's version.
    ///
    /// The result's wall time is first mapped onto the log timeline, so that a
    /// poll and the log lines around it are ordered as they happened.
    public mutating func ingest(_ wallResult: HealthResult) {
        var result = wallResult
        result.time = logTime(ofWall: wallResult.time)
        let json = result.body.isEmpty ? nil : JSONValue.parse(result.body)
        let index: Int
        if let i = health.firstIndex(where: { $0.name == result.endpoint }) {
            index = i
        } else {
            let policy = healthPolicies[result.endpoint] ?? .standard()
            health.append(HealthEndpointTracker(name: result.endpoint, policy: policy))
            index = health.count - 1
        }
        if let change = health[index].record(result, json: json) {
            addEvent(WatchEvent(at: change.at, kind: .health, text: "\(change.endpoint) \(change.to.rawValue)" + (change.reason.isEmpty ? "" : ": \(change.reason)")))
        }
        if let json {
            database.recordHealth(json, status: result.status, at: result.time)
            noteDatabaseState(at: result.time)
        }
        // A changed version in a health body is a deploy, unless the logs name
        // revisions: those are authoritative, and one rollout must not count twice.
        if deploys.currentRevision == nil, let version = health[index].version,
           let deploy = deploys.observe(version: version, endpoint: result.endpoint, at: result.time) {
            applyDeploy(deploy)
        }
    }

    /// Records a source's state change (and counts reconnects).
    public mutating func source(_ name: String, state: SourceState, at t: Double) {
        let i = sourceIndex(name)
        if sources[i].state == state { return }
        if case .reconnecting = state { sources[i].reconnects += 1 }
        sources[i].state = state
        switch state {
        case .failed, .reconnecting:
            addEvent(WatchEvent(at: t, kind: .source, text: "\(name) \(state.label)"))
        default:
            break
        }
    }

    /// Counts bytes that arrived from a source.
    public mutating func source(_ name: String, receivedBytes count: Int) {
        sources[sourceIndex(name)].bytes += count
    }

    /// Keeps a source's newest note (stderr line, rotation notice).
    public mutating func source(_ name: String, note: String) {
        sources[sourceIndex(name)].lastNote = note
    }

    /// Registers a source before it reports, so it is listed even if it never does.
    @discardableResult
    public mutating func sourceIndex(_ name: String) -> Int {
        if let i = sources.firstIndex(where: { $0.name == name }) { return i }
        sources.append(SourceStatus(name: name))
        return sources.count - 1
    }

    /// Marks a deploy by hand (the dashboard's `d`).
    public mutating func markDeploy(at t: Double, label: String) {
        applyDeploy(deploys.mark(at: t, label: label))
    }

    /// Lets "now" follow the wall clock while a live source is quiet, mapped onto
    /// the log timeline (so a replay or a sped-up log clock keeps its own time).
    public mutating func advanceClock(wallTime: Double) {
        let t = logTime(ofWall: wallTime)
        now = max(now ?? t, t)
    }

    /// The log time of a wall-clock instant (the wall time itself before any
    /// timed record arrived).
    public func logTime(ofWall wall: Double) -> Double {
        wall + (logClockOffset ?? 0)
    }

    // MARK: - Internals

    private mutating func applyDeploy(_ deploy: Deploy) {
        duplication.deployed(at: deploy.at)
        websocket.deployed(at: deploy.at)
        idManager.deployed(at: deploy.at)
        database.deployed(at: deploy.at)
        addEvent(WatchEvent(at: deploy.at, kind: .deploy, text: "deploy \(deploy.revision) (\(deploy.origin.rawValue))"))
    }

    private mutating func noteDatabaseState(at t: Double) {
        let state = database.state(now: now ?? t)
        guard state != lastDatabaseState else { return }
        lastDatabaseState = state
        addEvent(WatchEvent(at: t, kind: .database, text: "database \(state.rawValue)"))
    }

    private mutating func addEvent(_ event: WatchEvent) {
        events.append(event)
        if events.count > eventCapacity { events.removeFirst(events.count - eventCapacity) }
    }

    // MARK: - Readouts

    /// The overall health light: the worst endpoint state (unknown without polls).
    public var overallHealth: HealthState {
        HealthState.worst(health.map(\.state))
    }

    /// The time of the last deploy, if any.
    public var lastDeployTime: Double? { deploys.lastDeploy?.at }
}
