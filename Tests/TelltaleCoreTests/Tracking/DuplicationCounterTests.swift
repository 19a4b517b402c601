import Testing
@testable import TelltaleCore

@Suite("DuplicationCounter")
struct DuplicationCounterTests {
    static let base = 1_757_937_600.0
    static let windows = CounterWindows(short: 60, long: 900)

    @Test func oneEntryNamingTheSameUserTwiceCountsOnce() {
        var counter = DuplicationCounter(windows: Self.windows, watchedUsers: [])
        counter.record(users: ["demo-user-001", "demo-user-001"], at: Self.base)
        #expect(counter.totalEntries == 1)
        #expect(counter.stats(for: "demo-user-001", now: Self.base).total == 1)
    }

    @Test func oneEntryNamingTwoUsersCountsOnceInTotalsAndOnceForEach() {
        var counter = DuplicationCounter(windows: Self.windows, watchedUsers: [])
        counter.record(users: ["demo-user-008", "demo-user-001"], at: Self.base)
        counter.record(users: ["demo-user-001"], at: Self.base + 1)
        #expect(counter.totalEntries == 2)
        #expect(counter.entries(inLast: 60, now: Self.base + 1) == 2)
        #expect(counter.stats(for: "demo-user-008", now: Self.base + 1).total == 1)
        #expect(counter.stats(for: "demo-user-001", now: Self.base + 1).total == 2)
    }

    @Test func watchedUsersComeFirstEvenWithZero() {
        var counter = DuplicationCounter(windows: Self.windows, watchedUsers: ["w2", "w1"])
        counter.record(users: ["x"], at: Self.base + 10)
        counter.record(users: ["y"], at: Self.base + 20)
        counter.record(users: ["w1"], at: Self.base + 5)
        counter.record(users: ["z"], at: Self.base + 15)
        let users = counter.users(now: Self.base + 20)
        #expect(users.map(\.user) == ["w2", "w1", "y", "z", "x"])
        #expect(users[0] == UserDuplicationStats(user: "w2", watched: true))
        #expect(users[1].total == 1 && users[1].watched && users[1].lastSeen == Self.base + 5)
        #expect(users[2].watched == false)
        #expect(counter.stats(for: "w2", now: Self.base).watched)
        #expect(counter.stats(for: "never", now: Self.base) == UserDuplicationStats(user: "never"))
    }

    @Test func perUserWindowsAndFirstLastSeen() {
        var counter = DuplicationCounter(windows: Self.windows, watchedUsers: ["demo-user-001"])
        for offset in [30.0, 0, 70] { counter.record(users: ["demo-user-001", "other"], at: Self.base + offset) }
        let watched = counter.stats(for: "demo-user-001", now: Self.base + 80)
        let other = counter.stats(for: "other", now: Self.base + 80)
        for stats in [watched, other] {
            #expect(stats.total == 3)
            #expect(stats.short == 2)
            #expect(stats.long == 3)
            #expect(stats.firstSeen == Self.base)
            #expect(stats.lastSeen == Self.base + 70)
            #expect(stats.error == 0)
        }
        #expect(counter.stats(for: "other", now: Self.base + 1_000).long == 0)
    }

    @Test func sinceDeployPlacesLateEntriesByTheirTime() {
        var counter = DuplicationCounter(windows: Self.windows, watchedUsers: ["w"])
        counter.record(users: ["a", "w"], at: Self.base + 10)
        counter.record(users: ["a", "w"], at: Self.base + 120)   // after the deploy, seen before it was known
        counter.deployed(at: Self.base + 100)
        #expect(counter.entriesSinceDeploy() == 1)
        counter.record(users: ["a"], at: Self.base + 50)         // late, before the deploy
        counter.record(users: ["a"], at: Self.base + 110)
        counter.record(users: ["b"], at: Self.base + 130)        // new user after the deploy
        counter.record(users: ["c"], at: Self.base + 90)         // new user, late, before it
        let now = Self.base + 130
        #expect(counter.entriesSinceDeploy() == 3)
        #expect(counter.totalEntries == 6)
        #expect(counter.stats(for: "a", now: now).sinceDeploy == 2)
        #expect(counter.stats(for: "w", now: now).sinceDeploy == 1)
        #expect(counter.stats(for: "b", now: now).sinceDeploy == 1)
        #expect(counter.stats(for: "c", now: now).sinceDeploy == 0)
    }

    /// 100k one-off users plus five heavy hitters through a table of 64.
    @Test func spaceSavingKeepsHeavyHittersExactWithBoundedMemory() {
        let capacity = 64
        var counter = DuplicationCounter(windows: Self.windows, watchedUsers: ["w"], capacity: capacity)
        var trueCounts: [String: Int] = [:]
        func record(_ user: String, _ time: Double) {
            counter.record(users: [user], at: time)
            trueCounts[user, default: 0] += 1
        }
        let heavy = (0..<5).map { "heavy-\($0)" }
        for round in 0..<10 { for user in heavy { record(user, Self.base + Double(round)) } }
        for index in 0..<100_000 {
            let time = Self.base + 10 + Double(index) * 0.01
            record("one-off-\(index)", time)
            if index % 4 == 0 { record(heavy[(index / 4) % heavy.count], time) }
        }
        let now = Self.base + 10 + 1_000
        let mentions = trueCounts.values.reduce(0, +)
        #expect(counter.totalEntries == mentions)
        #expect(counter.distinctUsersTracked <= capacity + 1)
        #expect(counter.evictedUsers > 90_000)
        for user in heavy {
            let stats = counter.stats(for: user, now: now)
            #expect(stats.total == trueCounts[user])
            #expect(stats.error == 0)
        }
        // The guarantee: everyone above mentions / capacity is in the table.
        for (user, count) in trueCounts where count > mentions / capacity {
            #expect(counter.stats(for: user, now: now).total >= count)
        }
        // The bound: every reported total brackets the true one.
        let listed = counter.users(now: now)
        #expect(listed.count == counter.distinctUsersTracked)
        #expect(listed.first?.user == "w")
        for stats in listed where !stats.watched {
            let truth = trueCounts[stats.user] ?? 0
            #expect(stats.total >= truth)
            #expect(stats.total - stats.error <= truth)
        }
    }
}
