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
    public var captures: [String: [String]]

    public init(rule: String, signal: Signal, captures: [String: [String]] = [:]) {
        self.rule = rule
        self.signal = signal
        self.captures = captures
    }

    /// Every value of a capture, or an empty list.
    public func values(_ name: String) -> [String] { captures[name] ?? [] }
}
