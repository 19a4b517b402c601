/// Counts entries reporting duplicated WebSocket managers, in total and per user.
///
/// An entry counts once in the totals and once for each distinct user it names
/// (a summary list can name several users; naming one user twice is still one).
///
/// Memory is bounded whatever the number of distinct users: watched users are
/// always tracked, exactly; the others share a table of at most `capacity`
/// users run with the Space-Saving algorithm. When the table is full, a new user
/// evicts the one with the smallest count and inherits that count plus one, with
/// the inherited part reported as `error`. Guarantees: every unwatched user whose
/// true count exceeds `M / capacity` (M = mentions of unwatched users) is in the
/// table; a reported total is never below the true one and at most `error` above
/// it; users never evicted-into (error 0) are exact. Each user's windows use a
/// sparse `WindowedCount`, so a table of rarely seen users stays small.
public struct DuplicationCounter: Sendable {
    public let windows: CounterWindows
    public let watchedUsers: [String]
    private var entryCounts: EventCount
    private var watched: [String: UserTally] = [:]
    private var others: SpaceSavingTable
    private var deployAt: Double?

    public init(windows: CounterWindows, watchedUsers: [String], capacity: Int = 4096) {
        self.windows = windows
        var seen = Set<String>()
        self.watchedUsers = watchedUsers.filter { seen.insert($0).inserted }
        entryCounts = EventCount(span: windows.long)
        others = SpaceSavingTable(capacity: capacity)
        for user in self.watchedUsers {
            watched[user] = UserTally(user: user, span: windows.long, deployAt: nil)
        }
    }

    /// Every entry recorded.
    public var totalEntries: Int { entryCounts.total }

    /// Users held in memory: the watched ones and the bounded table.
    public var distinctUsersTracked: Int { watched.count + others.count }

    /// Unwatched users pushed out of the bounded table.
    public var evictedUsers: Int { others.evictions }

    /// Records ONE entry naming `users` (repeats within the list count once).
    public mutating func record(users: [String], at time: Double) {
        entryCounts.add(at: time)
        for (offset, user) in users.enumerated() where !users[..<offset].contains(user) {
            // One look-up, none without watched users: a test and then the
            // update hashed the name twice (a string hash is a few hundred
            // instructions, per user of every duplication warning).
            if watched.isEmpty || watched[user]?.record(at: time) == nil {
                others.record(user: user, at: time, span: windows.long, deployAt: deployAt)
            }
        }
    }

    /// Starts the since-deploy split at `time`.
    public mutating func deployed(at time: Double) {
        deployAt = time
        entryCounts.deployed(at: time)
        for user in watched.keys { watched[user]!.counts.deployed(at: time) }
        others.deployed(at: time)
    }

    public func entriesSinceDeploy() -> Int { entryCounts.sinceDeploy }

    public func entries(inLast seconds: Double, now: Double) -> Int {
        entryCounts.count(inLast: seconds, now: now)
    }

    /// Watched users first (in configured order, even with no entries), then the
    /// other tracked users by last seen, newest first.
    public func users(now: Double) -> [UserDuplicationStats] {
        users(now: now, rows: 0..<userCount)
    }

    /// How many users `users(now:)` lists.
    public var userCount: Int { watchedUsers.count { watched[$0] != nil } + others.count }

    /// Only the rows `rows` of `users(now:)` (clamped to what exists): a
    /// screen shows a few dozen of up to 4096 users, so only the newest
    /// `rows.upperBound` are picked from the table, not all of them sorted.
    public func users(now: Double, rows: Range<Int>) -> [UserDuplicationStats] {
        let pinned = watchedUsers.compactMap { watched[$0] }
        let wanted = max(0, rows.upperBound - pinned.count)
        let newest = Self.newest(wanted, of: others.tallies)
        let listed = pinned.map { ($0, true) } + newest.map { ($0, false) }
        return listed[rows.clamped(to: 0..<listed.count)].map { tally, isWatched in
            tally.stats(windows: windows, now: now, watched: isWatched)
        }
    }

    /// The `count` tallies that come first by last seen (newest first, then
    /// by name), in that order, without sorting the whole table when few
    /// are wanted.
    static func newest(_ count: Int, of tallies: [UserTally]) -> [UserTally] {
        func first(_ a: UserTally, _ b: UserTally) -> Bool {
            (a.lastSeen ?? -.infinity, b.user) > (b.lastSeen ?? -.infinity, a.user)
        }
        guard count > 0 else { return [] }
        guard count < tallies.count / 4 else {
            // Positions sorted, not the tallies: a tally is a dozen words that
            // the merge sort would move at every step (3 ms for a full table
            // at the end of a check).
            let order = tallies.indices.sorted { first(tallies[$0], tallies[$1]) }
            return order.prefix(count).map { tallies[$0] }
        }
        var kept: [UserTally] = []
        kept.reserveCapacity(count + 1)
        for tally in tallies {
            if kept.count == count, let last = kept.last, !first(tally, last) { continue }
            let at = kept.firstIndex { first(tally, $0) } ?? kept.count
            kept.insert(tally, at: at)
            if kept.count > count { kept.removeLast() }
        }
        return kept
    }

    /// One user's stats; zeros when the user was never seen (or was evicted).
    public func stats(for user: String, now: Double) -> UserDuplicationStats {
        if let tally = watched[user] { return tally.stats(windows: windows, now: now, watched: true) }
        if let tally = others.tally(for: user) { return tally.stats(windows: windows, now: now, watched: false) }
        return UserDuplicationStats(user: user)
    }
}
