/// How often entries named one user as having duplicated WebSocket managers.
///
/// `total` is exact when `error` is 0. For a user that entered the bounded table
/// by evicting another (Space-Saving), `total` over-estimates by at most `error`:
/// the true total is in `[total - error, total]`, and `short`, `long` and
/// `sinceDeploy` count only the entries seen while the user was in the table.
public struct UserDuplicationStats: Sendable, Equatable {
    public var user: String
    public var total: Int
    public var error: Int
    /// Entries in the short window (default the last minute).
    public var short: Int
    /// Entries in the long window (default the last 15 minutes).
    public var long: Int
    public var sinceDeploy: Int
    public var firstSeen: Double?
    public var lastSeen: Double?
    /// Whether the user is on the configured watch list.
    public var watched: Bool

    public init(
        user: String, total: Int = 0, error: Int = 0, short: Int = 0, long: Int = 0,
        sinceDeploy: Int = 0, firstSeen: Double? = nil, lastSeen: Double? = nil, watched: Bool = false
    ) {
        self.user = user
        self.total = total
        self.error = error
        self.short = short
        self.long = long
        self.sinceDeploy = sinceDeploy
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.watched = watched
    }
}
