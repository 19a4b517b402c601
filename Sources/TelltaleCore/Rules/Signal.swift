/// What a rule's match means to telltale: which counter or tracker it feeds.
///
/// Rules are data (YAML); signals are the fixed vocabulary that the trackers
/// understand. A rule names one signal; the captures it extracts are read by the
/// tracker of that signal (see each case for the capture names it reads).
public enum Signal: String, Sendable, CaseIterable, Hashable, Codable {
    /// Multiple WebSocket manager instances for a user, or a duplicate connection
    /// registration. Captures: `user` (every user the entry names).
    case duplication
    /// A WebSocket manager warning, grouped into message templates. No captures.
    case websocketWarning = "websocket-warning"
    /// `UnifiedIDManager initialized`. No captures.
    case idManagerInitialized = "id-manager-initialized"
    /// An entity (connection, thread) observed bound to a user. Captures:
    /// `entity` and `user`; a second, different `user` for the same entity in one
    /// entry (`requested_user`) is a collision at once.
    case idBinding = "id-binding"
    /// A database / Cloud SQL / Postgres connection or initialization timeout.
    case databaseTimeout = "database-timeout"
    /// A database connection error (psycopg2, asyncpg, SQLAlchemy...).
    case databaseError = "database-error"
    /// The database answered again (`Database connection established`).
    case databaseRecovered = "database-recovered"
    /// A deploy marker found in the logs. Captures: `revision` (optional).
    case deploy

    /// The case's place in `allCases`, without building that list: what the
    /// watch files a match's entry under (a table of eight, not a hash).
    var ordinal: Int {
        switch self {
        case .duplication: 0
        case .websocketWarning: 1
        case .idManagerInitialized: 2
        case .idBinding: 3
        case .databaseTimeout: 4
        case .databaseError: 5
        case .databaseRecovered: 6
        case .deploy: 7
        }
    }

    /// Hashes the case, not its raw name (the raw-value default hashed a
    /// string each time).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(ordinal)
    }
}

/// One rule's match on one entry: the signal and the named captures.
///
/// A capture name maps to every value it took in the entry, in order of
/// appearance and without repeats: a summary list can name several users.
public struct SignalMatch: Sendable, Equatable {
    public var rule: String
    public var signal: Signal
    /// Each capture with its values, in the order the pattern's groups name
    /// them: a rule has one or two, and a list of them costs a duplication
    /// warning no table to build, hash into and free.
    public var captured: [Capture]

    /// One capture's name and every value it took.
    public struct Capture: Sendable, Equatable {
        public var name: String
        public var values: [String]

        public init(name: String, values: [String]) {
            self.name = name
            self.values = values
        }
    }

    public init(rule: String, signal: Signal, captures: [String: [String]] = [:]) {
        self.init(rule: rule, signal: signal,
                  captured: captures.sorted { $0.key < $1.key }.map { Capture(name: $0.key, values: $0.value) })
    }

    public init(rule: String, signal: Signal, captured: [Capture]) {
        self.rule = rule
        self.signal = signal
        self.captured = captured
    }

    /// The captures by name.
    public var captures: [String: [String]] { Self.dictionary(captured) }

    /// A list of captures by name (a name listed twice keeps its first values).
    static func dictionary(_ captured: [Capture]) -> [String: [String]] {
        Dictionary(captured.map { ($0.name, $0.values) }, uniquingKeysWith: { first, _ in first })
    }

    /// Every value of a capture, or an empty list.
    public func values(_ name: String) -> [String] {
        for capture in captured where capture.name == name { return capture.values }
        return []
    }

    /// Equal when the rule, the signal and each capture's values are: the
    /// order the captures were listed in does not count.
    public static func == (lhs: SignalMatch, rhs: SignalMatch) -> Bool {
        lhs.rule == rhs.rule && lhs.signal == rhs.signal && lhs.captures == rhs.captures
    }
}
