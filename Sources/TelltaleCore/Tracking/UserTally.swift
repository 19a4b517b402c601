/// The counts kept for one user named in duplication entries.
///
/// `inherited` is the Space-Saving error: the count a user took over from the
/// user it evicted. Everything else counts only entries seen for this user.
struct UserTally: Sendable {
    var user: String
    var inherited: Int
    var counts: EventCount
    var firstSeen: Double?
    var lastSeen: Double?

    init(user: String, inherited: Int = 0, span: Double, deployAt: Double?) {
        self.user = user
        self.inherited = inherited
        counts = EventCount(span: span)
        if let deployAt { counts.deployed(at: deployAt) }
    }

    /// Hands this slot to `user`, keeping the window's buffer.
    mutating func reassign(to user: String, inherited: Int) {
        self.user = user
        self.inherited = inherited
        counts.reset()
        firstSeen = nil
        lastSeen = nil
    }

    /// The estimated total: exact when `inherited` is 0, else an upper bound.
    var total: Int { inherited + counts.total }

    mutating func record(at time: Double) {
        counts.add(at: time)
        guard time.isFinite else { return }
        if firstSeen.map({ time < $0 }) ?? true { firstSeen = time }
        if lastSeen.map({ time > $0 }) ?? true { lastSeen = time }
    }

    func stats(windows: CounterWindows, now: Double, watched: Bool) -> UserDuplicationStats {
        UserDuplicationStats(
            user: user, total: total, error: inherited,
            short: counts.count(inLast: windows.short, now: now),
            long: counts.count(inLast: windows.long, now: now),
            sinceDeploy: counts.sinceDeploy, firstSeen: firstSeen, lastSeen: lastSeen, watched: watched
        )
    }
}
