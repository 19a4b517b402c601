import Testing
@testable import TelltaleCore

@Suite("WindowedCount")
struct WindowedCountTests {
    static let base = 1_757_937_600.0

    /// Events at t, t+30, t+70 read at several "now": (now offset, last 1m, last 15m).
    @Test("windows follow log time", arguments: [
        (0.0, 1, 1), (29.5, 1, 1), (30.0, 2, 2), (59.0, 2, 2), (60.0, 1, 2),
        (70.0, 2, 3), (89.9, 2, 3), (90.0, 1, 3), (129.0, 1, 3), (130.0, 0, 3),
        (899.0, 0, 3), (900.0, 0, 2), (969.0, 0, 1), (970.0, 0, 0),
    ])
    func windows(nowOffset: Double, lastMinute: Int, lastQuarter: Int) {
        var window = WindowedCount(span: 900)
        for offset in [0.0, 30, 70] { window.add(at: Self.base + offset) }
        let now = Self.base + nowOffset
        #expect(window.count(inLast: 60, now: now) == lastMinute)
        #expect(window.count(inLast: 900, now: now) == lastQuarter)
    }

    @Test func outOfOrderEventsLandInTheirOwnSecond() {
        var inOrder = WindowedCount(span: 900)
        var shuffled = WindowedCount(span: 900)
        let offsets: [Double] = [0, 5, 5.5, 12, 40, 41, 300, 301]
        for offset in offsets { inOrder.add(at: Self.base + offset) }
        for offset in [300.0, 5, 41, 0, 301, 12, 5.5, 40] { shuffled.add(at: Self.base + offset) }
        let now = Self.base + 400
        for seconds in [1.0, 60, 100, 360, 390, 395, 396, 400, 401, 900] {
            #expect(shuffled.count(inLast: seconds, now: now) == inOrder.count(inLast: seconds, now: now))
        }
        #expect(shuffled.count(inLast: 396, now: now) == 7)
        #expect(shuffled.heldTotal == offsets.count)
    }

    @Test func eventsOlderThanTheRingAreIgnored() {
        var window = WindowedCount(span: 60)
        window.add(at: Self.base + 100)
        window.add(at: Self.base + 10)
        window.add(at: Self.base + 41, count: 3)
        #expect(window.heldTotal == 4)
        #expect(window.count(inLast: 60, now: Self.base + 100) == 4)
    }

    @Test func oldBucketsAreDroppedAsTimeMoves() {
        var window = WindowedCount(span: 60)
        for second in 0..<10_000 { window.add(at: Self.base + Double(second)) }
        #expect(window.heldTotal == 60)
        #expect(window.count(inLast: 60, now: Self.base + 9_999) == 60)
        #expect(window.count(inLast: 10, now: Self.base + 9_999) == 10)
    }

    @Test func sinceIsNilOnlyWhenTheRingNoLongerCovers() {
        var window = WindowedCount(span: 60)
        window.add(at: Self.base + 10)
        window.add(at: Self.base + 20, count: 2)
        window.add(at: Self.base + 50)
        #expect(window.count(since: Self.base + 20, now: Self.base + 50) == 3)
        #expect(window.count(since: Self.base + 20.7, now: Self.base + 50) == 3)
        #expect(window.count(since: Self.base + 21, now: Self.base + 50) == 1)
        #expect(window.count(since: Self.base + 0, now: Self.base + 50) == 4)
        // `now` has moved past the ring's span for that time.
        #expect(window.count(since: Self.base + 10, now: Self.base + 80) == nil)
        // Events were dropped: anything before them is no longer known.
        window.add(at: Self.base + 75)
        #expect(window.count(since: Self.base + 16, now: Self.base + 75) == 4)
        #expect(window.count(since: Self.base + 10, now: Self.base + 75) == nil)
    }

    @Test func perIntervalIsOldestFirst() {
        var window = WindowedCount(span: 900)
        let now = Self.base + 900
        window.add(at: now)              // newest minute
        window.add(at: now - 59)         // still the newest minute
        window.add(at: now - 60)         // the minute before
        window.add(at: now - 60 * 14, count: 4) // the oldest minute
        window.add(at: now - 60 * 15)    // just outside 15 minutes
        let trend = window.perInterval(60, buckets: 15, now: now)
        #expect(trend.count == 15)
        #expect(trend[14] == 2)
        #expect(trend[13] == 1)
        #expect(trend[0] == 4)
        #expect(trend.reduce(0, +) == 7)
        #expect(window.count(inLast: 900, now: now) == 7)
    }

    @Test func futureEventsAreNotInThePast() {
        var window = WindowedCount(span: 900)
        window.add(at: Self.base + 500)
        #expect(window.count(inLast: 60, now: Self.base + 100) == 0)
        #expect(window.perInterval(60, buckets: 15, now: Self.base + 100) == Array(repeating: 0, count: 15))
    }

    @Test func nonFiniteTimesAreIgnored() {
        var window = WindowedCount(span: 60)
        window.add(at: .nan)
        window.add(at: .infinity)
        #expect(window.heldTotal == 0)
        #expect(window.count(inLast: 60, now: .nan) == 0)
    }
}

@Suite("EventCount")
struct EventCountTests {
    static let base = 1_757_937_600.0

    @Test func deploySplitCountsLateEventsByTheirOwnTime() {
        var counts = EventCount(span: 900)
        counts.add(at: Self.base + 10)        // before the deploy
        counts.add(at: Self.base + 120)       // after, recorded before the deploy is known
        counts.deployed(at: Self.base + 100)
        #expect(counts.sinceDeploy == 1)
        counts.add(at: Self.base + 50)        // arrives late, but is before the deploy
        counts.add(at: Self.base + 101)       // arrives late, after the deploy
        counts.add(at: Self.base + 200)
        #expect(counts.sinceDeploy == 3)
        #expect(counts.total == 5)
        #expect(counts.count(inLast: 60, now: Self.base + 200) == 1)
    }

    @Test func aSecondDeployRestartsTheSplit() {
        var counts = EventCount(span: 900)
        for offset in [10.0, 20, 30, 40] { counts.add(at: Self.base + offset) }
        counts.deployed(at: Self.base + 15)
        #expect(counts.sinceDeploy == 3)
        counts.deployed(at: Self.base + 35)
        #expect(counts.sinceDeploy == 1)
    }

    @Test func theDeploysOwnSecondIsSplitAtItsExactTime() {
        // A deploy at .877 of a second: events earlier in that second are before it.
        var count = EventCount(span: 900)
        let t = 1_757_938_803.0
        count.add(at: t + 0.2)
        count.add(at: t + 0.5)
        count.add(at: t + 0.9)
        count.deployed(at: t + 0.877)
        #expect(count.sinceDeploy == 1)
        count.add(at: t + 0.3)  // late, and before the deploy
        count.add(at: t + 1.1)
        #expect(count.sinceDeploy == 2)
        #expect(count.total == 5)
    }
}
