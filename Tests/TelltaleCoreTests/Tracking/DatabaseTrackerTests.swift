import Testing
@testable import TelltaleCore

@Suite("DatabaseTracker")
struct DatabaseTrackerTests {
    static let base = 1_757_937_600.0
    static let windows = CounterWindows(short: 60, long: 900)

    static let ready: JSONValue = .object([
        ("status", .string("ready")), ("core_db", .string("connected")), ("clickhouse_db", .string("skipped_optional")),
    ])
    static let readyDBDown: JSONValue = .object([("detail", .string("Core database unavailable"))])
    static let degraded: JSONValue = .object([
        ("status", .string("degraded")),
        ("capabilities", .object([("agent_execution", .bool(true)), ("database_connectivity", .bool(false))])),
    ])
    static let healthy: JSONValue = .object([("status", .string("healthy")), ("version", .string("1.0.0"))])

    @Test func unknownBeforeAnyEvidence() {
        var tracker = DatabaseTracker(windows: Self.windows)
        #expect(tracker.state(now: Self.base) == .unknown)
        tracker.recordHealth(Self.healthy, status: 200, at: Self.base)
        #expect(tracker.state(now: Self.base) == .unknown)
        #expect(tracker.upSince == nil)
    }

    @Test func timeoutThenRecoveryThenQuiet() {
        var tracker = DatabaseTracker(windows: Self.windows)
        tracker.recordTimeout(at: Self.base + 14, message: "Database initialization timeout after 8.0s in staging environment.")
        #expect(tracker.state(now: Self.base + 14) == .down)
        #expect(tracker.lastFailure == DatabaseFailure(at: Self.base + 14, text: "Database initialization timeout after 8.0s in staging environment."))
        tracker.recordRecovered(at: Self.base + 40)
        #expect(tracker.state(now: Self.base + 40) == .degraded)
        #expect(tracker.state(now: Self.base + 73) == .degraded)
        #expect(tracker.state(now: Self.base + 74) == .up)
        #expect(tracker.upSince == Self.base + 40)
        tracker.recordError(at: Self.base + 100, message: "psycopg2.OperationalError")
        #expect(tracker.state(now: Self.base + 100) == .down)
        #expect(tracker.upSince == nil)
        #expect(tracker.timeouts == 1)
        #expect(tracker.errors == 1)
        #expect(tracker.errors(inLast: 60, now: Self.base + 100) == 1)
        #expect(tracker.timeouts(inLast: 60, now: Self.base + 100) == 0)
    }

    @Test func healthBodiesAreEvidence() {
        var tracker = DatabaseTracker(windows: Self.windows)
        tracker.recordHealth(Self.ready, status: 200, at: Self.base)
        #expect(tracker.state(now: Self.base) == .up)
        #expect(tracker.upSince == Self.base)
        tracker.recordHealth(Self.readyDBDown, status: 503, at: Self.base + 10)
        #expect(tracker.state(now: Self.base + 10) == .down)
        #expect(tracker.lastFailure?.text == "health 503: Core database unavailable")
        tracker.recordHealth(Self.degraded, status: 200, at: Self.base + 200)
        #expect(tracker.state(now: Self.base + 200) == .degraded)
        tracker.recordHealth(Self.ready, status: 200, at: Self.base + 300)
        #expect(tracker.state(now: Self.base + 300) == .up)
        tracker.recordHealth(.object([("core_db", .string("disconnected"))]), status: 503, at: Self.base + 400)
        #expect(tracker.state(now: Self.base + 400) == .down)
        tracker.recordHealth(.object([("db", .string("ok"))]), status: 200, at: Self.base + 500)
        #expect(tracker.state(now: Self.base + 600) == .up)
        // Health evidence is not a log timeout or error.
        #expect(tracker.timeouts == 0 && tracker.errors == 0)
    }

    @Test func newestBodySayingDegradedKeepsItDegraded() {
        var tracker = DatabaseTracker(windows: Self.windows)
        tracker.recordHealth(Self.degraded, status: 200, at: Self.base)
        tracker.recordRecovered(at: Self.base + 10)
        #expect(tracker.state(now: Self.base + 500) == .degraded)
    }

    @Test func stateFollowsTheNewestEvidenceNotTheArrivalOrder() {
        var tracker = DatabaseTracker(windows: Self.windows)
        tracker.recordRecovered(at: Self.base + 200)
        tracker.recordTimeout(at: Self.base + 170, message: "late timeout")
        #expect(tracker.state(now: Self.base + 200) == .degraded)
        #expect(tracker.state(now: Self.base + 300) == .up)
        #expect(tracker.upSince == Self.base + 200)
    }

    @Test func sinceDeploySplit() {
        var tracker = DatabaseTracker(windows: Self.windows)
        tracker.recordTimeout(at: Self.base, message: "t")
        tracker.recordTimeout(at: Self.base + 200, message: "t")
        tracker.deployed(at: Self.base + 100)
        tracker.recordError(at: Self.base + 150, message: "e")
        tracker.recordError(at: Self.base + 50, message: "e")
        #expect(tracker.timeoutsSinceDeploy() == 1)
        #expect(tracker.errorsSinceDeploy() == 1)
        #expect(tracker.lastFailure?.at == Self.base + 200)
    }
}
