/// Writes a synthetic log of the staging backend, deterministic by seed, and
/// counts its ground truth while it writes.
///
/// The mix follows the samples: mostly INFO request and agent traffic, WebSocket
/// manager warnings, duplication warnings over a skewed set of users (five heavy
/// users and a long tail), ID manager and database lines, a few broken lines; in
/// the app's JSON, the unified formatter's JSON (with its spurious `error`
/// object), Cloud Logging entries (a new revision half way: one deploy) and plain
/// text. Lines are padded to a length drawn from 200-600 bytes. The counts the
/// truth holds are exactly those `telltale check` reports, so a benchmark can
/// refuse to print a time for a wrong answer.
struct CorpusGenerator {
    struct Settings {
        var lines = 1_000_000
        var seed: UInt64 = 1
        /// Every line in the plain-text shape.
        var plain = false
        /// Distinct users in the long tail of duplication warnings.
        var users = 1000
        /// Lines per second of log time: entry timestamps advance by
        /// 1/linesPerSecond s a line (a recording stamps arrivals at this rate).
        var linesPerSecond = 1000
    }

    /// The skewed heavy hitters and their share of heavy mentions (per mille).
    static let heavyUsers = ["demo-user-001", "demo-user-002", "demo-user-003", "demo-user-004", "demo-user-005"]
    private static let heavyThresholds = [416, 666, 833, 933, 1000]
    /// Above this many users the corpus is a user-id explosion: more duplication
    /// warnings, mostly for users seen once.
    static let explosionUsers = 10_000
    static let firstRevision = "netra-backend-staging-00642-9vv"
    static let secondRevision = "netra-backend-staging-00643-k2d"
    /// 2025-09-15T12:00:00Z, in milliseconds.
    static let startMilliseconds: Int64 = 1_757_937_600_000

    private enum Kind: CaseIterable {
        case traffic, managerCreated, otherManagers, noUserContext
        case duplicationWarning, duplicationList, duplicationViolation
        case idManagerInitialized, generatedID, databaseTimeout, databaseError, databaseUp, broken
    }

    private enum Shape { case appJSON, unifiedJSON, logEntry, plainText }

    let settings: Settings
    private var truth = CorpusTruth()
    private var random: CorpusRandom
    private var index = 0
    private var tailCursor = 0
    private var tailMentions = 0
    private var revisionsSeen = Set<String>()
    /// Cumulative per-10,000 weights of every kind but traffic, which takes the rest.
    private let weights: [(Kind, Int)]
    private var message: [UInt8] = []

    init(_ settings: Settings) {
        self.settings = settings
        random = CorpusRandom(seed: settings.seed)
        let duplicationScale = settings.users > Self.explosionUsers ? 3 : 1
        let table: [(Kind, Int)] = [
            (.managerCreated, 200), (.otherManagers, 150), (.noUserContext, 100),
            (.duplicationWarning, 250 * duplicationScale), (.duplicationList, 100 * duplicationScale),
            (.duplicationViolation, 50 * duplicationScale), (.idManagerInitialized, 5), (.generatedID, 100),
            (.databaseTimeout, 10), (.databaseError, 10), (.databaseUp, 10), (.broken, 10),
        ]
        var sum = 0
        weights = table.map { kind, weight in
            sum += weight
            return (kind, sum)
        }
        for user in Self.heavyUsers { truth.heavyUsers[user] = 0 }
    }

    var isFinished: Bool { index >= settings.lines }

    /// Lines appended so far.
    var linesWritten: Int { index }

    /// Appends the next line (with its newline) to `out`.
    mutating func appendLine(to out: inout [UInt8]) {
        let lineStart = out.count
        let milliseconds = Self.startMilliseconds + Int64(index) * 1000 / Int64(max(1, settings.linesPerSecond))
        let shape = nextShape()
        let target = random.within(200...600)
        let pick = random.below(10_000)
        let kind = weights.first { pick < $0.1 }?.0 ?? .traffic
        if kind == .broken {
            appendBroken(to: &out)
        } else {
            appendEntry(kind, shape: shape, milliseconds: milliseconds, target: target, to: &out)
        }
        out.append(0x0A)
        truth.lines += 1
        truth.bytes += out.count - lineStart
        index += 1
    }

    /// The truth so far, with the distinct users counted.
    var groundTruth: CorpusTruth {
        var result = truth
        result.distinctUsers = min(tailMentions, settings.users) + truth.heavyUsers.values.filter { $0 > 0 }.count
        return result
    }

    private mutating func nextShape() -> Shape {
        if settings.plain { return .plainText }
        switch random.below(100) {
        case ..<40: return .appJSON
        case ..<75: return .unifiedJSON
        case ..<95: return .logEntry
        default: return .plainText
        }
    }

    // MARK: - Messages

    private mutating func appendEntry(_ kind: Kind, shape: Shape, milliseconds: Int64, target: Int, to out: inout [UInt8]) {
        message.removeAll(keepingCapacity: true)
        var severity = "INFO"
        var logger = "netra_backend.app.websocket_core.websocket_manager"
        var pads = true
        switch kind {
        case .traffic:
            if shape == .logEntry, random.below(3) == 0 {
                appendRequestLog(milliseconds: milliseconds, target: target, to: &out)
                truth.parsed += 1
                return
            }
            logger = ["netra_backend.app.routes.threads", "netra_backend.app.agents.supervisor",
                      "netra_backend.app.services.thread_service"][random.below(3)]
            appendTraffic()
        case .managerCreated:
            add("WebSocket manager created and registered for user ")
            add(randomUser())
            add(", total registered: ")
            add(String(random.within(1...400)))
        case .otherManagers:
            severity = "WARNING"
            add("SSOT WARNING: Found other WebSocket Manager classes: ['netra_backend.app.websocket_core.websocket_manager.UnifiedWebSocketManager', 'netra_backend.app.websocket_core.websocket_manager.WebSocketManagerFactory']")
            truth.websocketWarnings += 1
        case .noUserContext:
            severity = "WARNING"
            add("No user_context provided, creating test instance with user_id=test_user_")
            add(String(random.within(1...9999)))
            add("_")
            addHex8()
            truth.websocketWarnings += 1
            truth.unifiedIds += 1
        case .duplicationWarning:
            severity = "WARNING"
            let user = duplicationUsers([mentionedUser()])
            add("SSOT VALIDATION: Multiple manager instances for user \(user[0]) - potential duplication")
        case .duplicationList:
            severity = "WARNING"
            let users = duplicationUsers([mentionedUser(), mentionedUser()])
            let raw = users.count == 2 ? users : [users[0], users[0]]
            add("SSOT validation issues (non-blocking): ['Multiple manager instances for user \(raw[0]) - potential duplication', 'Multiple manager instances for user \(raw[1]) - potential duplication']")
        case .duplicationViolation:
            severity = "ERROR"
            let user = duplicationUsers([mentionedUser()])
            add("SSOT VIOLATION: Multiple manager instances for user \(user[0])")
        case .idManagerInitialized:
            logger = "netra_backend.app.core.unified_id_manager"
            add("UnifiedIDManager initialized")
            pads = false
            truth.idManagerInitialized += 1
        case .generatedID:
            severity = "DEBUG"
            logger = "netra_backend.app.core.unified_id_manager"
            add("Generated user ID: user_\(random.within(1...999_999))_")
            addHex8()
            truth.unifiedIds += 1
        case .databaseTimeout:
            severity = "ERROR"
            logger = "netra_backend.app.smd"
            add("Database initialization timeout after 8.0s in staging environment. This may indicate Cloud SQL connection issues. Check POSTGRES_HOST configuration and Cloud SQL instance accessibility.")
            truth.databaseTimeouts += 1
        case .databaseError:
            severity = "ERROR"
            logger = "netra_backend.app.db.migrations"
            add("Failed to run migrations: (psycopg2.OperationalError) connection to server on socket \"/cloudsql/netra-staging:us-central1:staging-shared-postgres/.s.PGSQL.5432\" failed: No such file or directory")
            truth.databaseErrors += 1
        case .databaseUp:
            logger = "netra_backend.app.db.postgres"
            add("Database connection established (pool_size=5)")
        case .broken:
            return
        }
        truth.parsed += 1
        let start = out.count
        appendShaped(shape, severity: severity, logger: logger, milliseconds: milliseconds, to: &out)
        let shortBy = target - (out.count - start)
        guard pads, shortBy > 0 else { return }
        out.removeSubrange(start...)
        appendPadding(bytes: shortBy)
        appendShaped(shape, severity: severity, logger: logger, milliseconds: milliseconds, to: &out)
    }

    private mutating func appendTraffic() {
        switch random.below(4) {
        case 0:
            add("GET /api/threads/session_\(random.within(1...99_999))_")
            addHex8()
            add("/messages 200 in \(random.within(3...900))ms for user \(randomUser()); agent=supervisor_agent")
            truth.unifiedIds += 1
        case 1:
            let thread = random.within(1...99_999)
            add("Agent execution completed for thread session_\(thread)_")
            addHex8()
            add(" run run_\(thread)_\(random.within(1...50))_")
            addHex8()
            add(" in \(random.within(1...60)).\(random.within(10...99))s (tokens: \(random.within(100...9000)), tools: \(random.within(0...9)))")
            truth.unifiedIds += 2
        case 2:
            add("Legacy session lookup main_")
            addHex8()
            add(" resolved for user \(randomUser())")
            truth.legacyIds += 1
        default:
            add("Heartbeat ok for user \(randomUser()) after \(random.within(1...500)) ms")
        }
    }

    private static let fillerWords = ["cache", "warm", "latency", "nominal", "region", "us-central1", "shard",
                                      "replica", "queue", "depth", "stable", "span", "trace", "sampled", "pool", "idle"]

    private mutating func appendPadding(bytes: Int) {
        add(" |")
        var added = 2
        while added < bytes {
            let word = Self.fillerWords[random.below(Self.fillerWords.count)]
            add(" ")
            add(word)
            added += word.utf8.count + 1
        }
    }

    private mutating func appendBroken(to out: inout [UInt8]) {
        truth.unparsed += 1
        if random.below(2) == 0 {
            out.append(contentsOf: "{\"severity\": \"INFO\", \"message\": \"Request GET /api/threads cut off mid-wri}".utf8)
        } else {
            out.append(contentsOf: "upstream connect error or disconnect/reset before headers. reset reason: connection termination".utf8)
        }
    }

    // MARK: - Users

    /// A user for INFO traffic: anyone, heavy or not.
    private mutating func randomUser() -> String {
        random.below(4) == 0 ? Self.heavyUsers[random.below(Self.heavyUsers.count)]
            : "demo-user-\(1000 + random.below(max(1, settings.users)))"
    }

    /// A user named by a duplication warning: skewed to the heavy users (60%,
    /// or 10% in an explosion, where the tail is walked so each user is new until
    /// all `users` were named).
    private mutating func mentionedUser() -> String {
        let draw = random.below(1000)
        let heavyShare = settings.users > Self.explosionUsers ? 100 : 600
        if draw < heavyShare {
            let position = draw * 1000 / heavyShare
            return Self.heavyUsers[Self.heavyThresholds.firstIndex { position < $0 }!]
        }
        let user = "demo-user-\(1000 + tailCursor)"
        tailCursor = (tailCursor + 1) % max(1, settings.users)
        tailMentions += 1
        return user
    }

    /// Counts one duplication entry; returns its distinct users in order.
    private mutating func duplicationUsers(_ named: [String]) -> [String] {
        var distinct: [String] = []
        for user in named where !distinct.contains(user) { distinct.append(user) }
        truth.duplicationEntries += 1
        truth.websocketWarnings += 1
        for user in distinct where truth.heavyUsers[user] != nil { truth.heavyUsers[user]! += 1 }
        return distinct
    }

    // MARK: - Shapes

    private mutating func appendShaped(_ shape: Shape, severity: String, logger: String, milliseconds: Int64, to out: inout [UInt8]) {
        let time = CorpusTimestamp(milliseconds: milliseconds)
        switch shape {
        case .appJSON:
            out.append(contentsOf: "{\"severity\": \"\(severity)\", \"message\": \"".utf8)
            appendEscapedMessage(to: &out)
            out.append(contentsOf: "\", \"timestamp\": \"".utf8)
            time.appendOffset(to: &out)
            out.append(contentsOf: "\", ".utf8)
            appendLabelsAndContext(logger: logger, to: &out)
            out.append(UInt8(ascii: "}"))
        case .unifiedJSON:
            var stamp: [UInt8] = []
            time.appendZulu(to: &stamp)
            out.append(contentsOf: "{\"timestamp\": \"".utf8)
            out.append(contentsOf: stamp)
            out.append(contentsOf: "\", \"severity\": \"\(severity)\", \"service\": \"netra-backend\", \"logger\": \"\(logger)\", \"message\": \"".utf8)
            appendEscapedMessage(to: &out)
            out.append(contentsOf: "\", \"error\": {\"message\": \"Missing field\", \"type\": \"str\", \"severity\": \"ERROR\", \"timestamp\": \"".utf8)
            out.append(contentsOf: stamp)
            out.append(contentsOf: "\", \"traceback\": \"\"}}".utf8)
        case .logEntry:
            appendLogEntryHead(logName: "run.googleapis.com%2Fstderr", severity: severity, time: time, milliseconds: milliseconds, to: &out)
            out.append(contentsOf: ", \"jsonPayload\": {\"message\": \"".utf8)
            appendEscapedMessage(to: &out)
            out.append(contentsOf: "\", \"timestamp\": \"".utf8)
            time.appendOffset(to: &out)
            out.append(contentsOf: "\", ".utf8)
            appendLabelsAndContext(logger: logger, to: &out)
            out.append(contentsOf: "}}".utf8)
        case .plainText:
            time.appendPlain(to: &out)
            out.append(contentsOf: " - netra-backend - \(logger) - \(severity) - ".utf8)
            out.append(contentsOf: message)
        }
    }

    private mutating func appendRequestLog(milliseconds: Int64, target: Int, to out: inout [UInt8]) {
        let time = CorpusTimestamp(milliseconds: milliseconds)
        let start = out.count
        appendLogEntryHead(logName: "run.googleapis.com%2Frequests", severity: "INFO", time: time, milliseconds: milliseconds, to: &out)
        out.append(contentsOf: ", \"httpRequest\": {\"requestMethod\": \"GET\", \"requestUrl\": \"https://netra-backend-staging-pnovr5vsba-uc.a.run.app/api/threads/session_\(random.within(1...99_999))_".utf8)
        appendHex8(to: &out)
        out.append(contentsOf: "/messages\", \"status\": 200, \"latency\": \"0.0\(random.within(10...99))s\", \"userAgent\": \"Mozilla/5.0 (X11; Linux x86_64) netra-web/2.4".utf8)
        truth.unifiedIds += 1
        let room = target - (out.count - start) - 4
        var added = 0
        while added < room {
            let word = Self.fillerWords[random.below(Self.fillerWords.count)]
            out.append(0x20)
            out.append(contentsOf: word.utf8)
            added += word.utf8.count + 1
        }
        out.append(contentsOf: "\"}}".utf8)
    }

    private mutating func appendLogEntryHead(logName: String, severity: String, time: CorpusTimestamp, milliseconds: Int64, to out: inout [UInt8]) {
        let revision = index < settings.lines / 2 ? Self.firstRevision : Self.secondRevision
        if revisionsSeen.insert(revision).inserted, revisionsSeen.count > 1 { truth.deploys += 1 }
        out.append(contentsOf: "{\"insertId\": \"".utf8)
        appendHex8(to: &out)
        Self.appendHex(UInt64(random.below(1 << 16)), digits: 4, to: &out)
        out.append(contentsOf: "\", \"logName\": \"projects/netra-staging/logs/\(logName)\", \"receiveTimestamp\": \"".utf8)
        CorpusTimestamp(milliseconds: milliseconds + 40).appendZulu(to: &out)
        out.append(contentsOf: "\", \"resource\": {\"type\": \"cloud_run_revision\", \"labels\": {\"service_name\": \"netra-backend-staging\", \"revision_name\": \"\(revision)\", \"location\": \"us-central1\", \"project_id\": \"netra-staging\"}}, \"severity\": \"\(severity)\", \"timestamp\": \"".utf8)
        time.appendZulu(to: &out)
        out.append(UInt8(ascii: "\""))
    }

    private func appendLabelsAndContext(logger: String, to out: inout [UInt8]) {
        out.append(contentsOf: "\"labels\": {\"module\": \"\(logger)\", \"function\": \"handle\", \"line\": \"\(logger.utf8.count * 7)\"}, \"context\": {\"name\": \"\(logger)\", \"service\": \"netra-service\"}".utf8)
    }

    private func appendEscapedMessage(to out: inout [UInt8]) {
        for byte in message {
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { out.append(UInt8(ascii: "\\")) }
            out.append(byte)
        }
    }

    private mutating func add(_ text: String) {
        message.append(contentsOf: text.utf8)
    }

    private mutating func addHex8() {
        let value = random.next() & 0xFFFF_FFFF
        Self.appendHex(value, digits: 8, to: &message)
    }

    private mutating func appendHex8(to out: inout [UInt8]) {
        Self.appendHex(random.next() & 0xFFFF_FFFF, digits: 8, to: &out)
    }

    private static func appendHex(_ value: UInt64, digits: Int, to out: inout [UInt8]) {
        let alphabet: StaticString = "0123456789abcdef"
        for shift in stride(from: (digits - 1) * 4, through: 0, by: -4) {
            out.append(alphabet.utf8Start[Int((value >> UInt64(shift)) & 0xF)])
        }
    }
}
