import Testing
@testable import TelltaleCore

@Suite("HealthEndpointTracker")
struct HealthEndpointTrackerTests {
    static let ok = (body: HealthSamples.healthyText, json: HealthSamples.healthy)
    static let timeout = HealthError.timeout(5)

    /// Records a healthy answer at `time`.
    static func healthy(_ tracker: inout HealthEndpointTracker, at time: Double, latency: Double = 0.05) -> HealthStateChange? {
        tracker.record(HealthSamples.result(at: time, status: 200, latency: latency, body: ok.body), json: ok.json)
    }

    /// Records a timed-out request at `time`.
    static func timedOut(_ tracker: inout HealthEndpointTracker, at time: Double) -> HealthStateChange? {
        tracker.record(HealthSamples.result(at: time, status: nil, latency: 5, error: timeout), json: nil)
    }

    /// Records the backend's degraded answer at `time`.
    static func degraded(_ tracker: inout HealthEndpointTracker, at time: Double) -> HealthStateChange? {
        tracker.record(HealthSamples.result(at: time, status: 200, body: HealthSamples.backendDegradedText), json: HealthSamples.backendDegraded)
    }

    static func policy(failures: Int = 1, successes: Int = 1) -> HealthPolicy {
        var policy = HealthPolicy.standard()
        policy.failureThreshold = failures
        policy.successThreshold = successes
        return policy
    }

    @Test func startsUnknownAndTheFirstResultDecides() {
        var tracker = HealthEndpointTracker(name: "/health", policy: Self.policy(failures: 3, successes: 3))
        #expect(tracker.state == .unknown)
        #expect(tracker.stateSince == nil)
        #expect(tracker.lastResult == nil)
        let change = Self.timedOut(&tracker, at: 10)
        #expect(change == HealthStateChange(endpoint: "/health", from: .unknown, to: .down, at: 10, reason: "timeout after 5s"))
        #expect(tracker.state == .down)
        #expect(tracker.stateSince == 10)
    }

    @Test func twoFailuresNeededSoTheFirstChangesNothing() {
        var tracker = HealthEndpointTracker(name: "/health", policy: Self.policy(failures: 2))
        _ = Self.healthy(&tracker, at: 0)
        #expect(Self.timedOut(&tracker, at: 5) == nil)
        #expect(tracker.state == .healthy)
        #expect(tracker.stateSince == 0)
        let change = tracker.record(
            HealthSamples.result(at: 10, status: 503, body: HealthSamples.readyDBDownText), json: HealthSamples.readyDBDown)
        #expect(change == HealthStateChange(endpoint: "/health", from: .healthy, to: .down, at: 10, reason: "503: Core database unavailable"))
        #expect(tracker.stateSince == 10)
    }

    @Test func aHealthyResultBreaksTheFailingStreak() {
        var tracker = HealthEndpointTracker(name: "/health", policy: Self.policy(failures: 2))
        _ = Self.healthy(&tracker, at: 0)
        #expect(Self.timedOut(&tracker, at: 5) == nil)
        #expect(Self.healthy(&tracker, at: 10) == nil)
        #expect(Self.timedOut(&tracker, at: 15) == nil)
        #expect(tracker.state == .healthy)
    }

    @Test func recoversAfterTheSuccessThreshold() {
        var tracker = HealthEndpointTracker(name: "/health", policy: Self.policy(successes: 3))
        _ = Self.timedOut(&tracker, at: 0)
        #expect(Self.healthy(&tracker, at: 5) == nil)
        #expect(Self.healthy(&tracker, at: 10) == nil)
        #expect(tracker.state == .down)
        #expect(Self.healthy(&tracker, at: 15, latency: 0.12)
            == HealthStateChange(endpoint: "/health", from: .down, to: .healthy, at: 15, reason: "200 in 120ms"))
        #expect(tracker.stateSince == 15)
    }

    @Test func movesBetweenDegradedAndDown() {
        var tracker = HealthEndpointTracker(name: "/health/backend", policy: Self.policy())
        _ = Self.healthy(&tracker, at: 0)
        #expect(Self.degraded(&tracker, at: 5)?.to == .degraded)
        #expect(Self.timedOut(&tracker, at: 10) == HealthStateChange(
            endpoint: "/health/backend", from: .degraded, to: .down, at: 10, reason: "timeout after 5s"))
        #expect(Self.degraded(&tracker, at: 15)?.from == .down)
        #expect(tracker.state == .degraded)
    }

    @Test func stateSinceMeasuresHowLongTheStateHasHeld() {
        var tracker = HealthEndpointTracker(name: "/health", policy: Self.policy())
        _ = Self.healthy(&tracker, at: 100)
        for t in stride(from: 105.0, through: 160, by: 5) { _ = Self.healthy(&tracker, at: t) }
        #expect(tracker.stateSince == 100)
        _ = Self.timedOut(&tracker, at: 165)
        _ = Self.timedOut(&tracker, at: 170)
        #expect(tracker.state == .down)
        #expect(tracker.stateSince == 165)
        #expect(200 - (tracker.stateSince ?? 0) == 35)
    }

    @Test func countsResultsAndKeepsTheLastFailure() {
        var tracker = HealthEndpointTracker(name: "/health", policy: Self.policy())
        _ = Self.healthy(&tracker, at: 0)
        _ = Self.degraded(&tracker, at: 5)
        _ = Self.timedOut(&tracker, at: 10)
        _ = Self.healthy(&tracker, at: 15)
        #expect(tracker.resultCount == 4)
        #expect(tracker.failureCount == 2)
        #expect(tracker.lastFailure == HealthFailure(at: 10, state: .down, reason: "timeout after 5s"))
        #expect(tracker.lastResult?.time == 15)
        #expect(tracker.lastAssessment == HealthAssessment(state: .healthy, reason: "200 in 50ms"))
        #expect(tracker.state == .healthy)
    }

    @Test func lastResultsHealthy() {
        var tracker = HealthEndpointTracker(name: "/health", policy: Self.policy())
        #expect(tracker.lastResultsHealthy(0))
        #expect(!tracker.lastResultsHealthy(1))
        _ = Self.healthy(&tracker, at: 0)
        _ = Self.healthy(&tracker, at: 5)
        #expect(tracker.lastResultsHealthy(2))
        #expect(!tracker.lastResultsHealthy(3))
        _ = Self.degraded(&tracker, at: 10)
        #expect(!tracker.lastResultsHealthy(1))
        _ = Self.healthy(&tracker, at: 15)
        #expect(tracker.lastResultsHealthy(1))
        #expect(!tracker.lastResultsHealthy(2))
    }

    @Test("success ratio over a time window", arguments: [
        (10.0, 9.0, 0.5),       // t 0...9, every odd second failed: half of everything
        (4.0, 9.0, 0.4),        // t 5...9: 6, 8 healthy out of 5
        (0.0, 8.0, 1.0),        // only t 8
        (3.0, 100.0, nil),      // nothing recent
    ] as [(Double, Double, Double?)])
    func successRatio(window: Double, now: Double, expected: Double?) {
        var tracker = HealthEndpointTracker(name: "/health", policy: Self.policy())
        for t in 0..<10 {
            if t % 2 == 0 { _ = Self.healthy(&tracker, at: Double(t)) } else { _ = Self.timedOut(&tracker, at: Double(t)) }
        }
        #expect(tracker.successRatio(over: window, now: now) == expected)
    }

    @Test func latencyHistoryIsBoundedAndShowsFailuresAsGaps() {
        var tracker = HealthEndpointTracker(name: "/health", policy: Self.policy(), historySize: 3)
        _ = Self.healthy(&tracker, at: 0, latency: 0.1)
        _ = Self.healthy(&tracker, at: 5, latency: 0.2)
        _ = Self.healthy(&tracker, at: 10, latency: 0.3)
        _ = Self.timedOut(&tracker, at: 15)
        _ = Self.healthy(&tracker, at: 20, latency: 3.6)
        #expect(tracker.latencies == [0.3, nil, 3.6])
        #expect(tracker.resultCount == 5)
        #expect(!tracker.lastResultsHealthy(3))
        #expect(tracker.successRatio(over: 100, now: 20) == 1.0 / 3.0)
    }

    @Test("reads the version the body reports", arguments: [
        (JSONValue.object([("version", .string("1.0.0"))]), "1.0.0" as String?),
        (.object([("revision", .string("netra-backend-staging-00412-xyz"))]), "netra-backend-staging-00412-xyz"),
        (.object([("git_sha", .string("3f9a2b7"))]), "3f9a2b7"),
        (.object([("commit", .string("abc")), ("build", .string("77"))]), "77"),
        (.object([("revision", .string("r2")), ("version", .string("2.0"))]), "2.0"),
        (.object([("version", .number(2))]), nil),
        (.object([("version", .string("  "))]), nil),
        (.object([("details", .object([("version", .string("nested"))]))]), nil),
        (.string("1.0.0"), nil),
    ])
    func version(body: JSONValue, expected: String?) {
        var tracker = HealthEndpointTracker(name: "/health", policy: Self.policy())
        _ = tracker.record(HealthSamples.result(status: 200, body: body.jsonText), json: body)
        #expect(tracker.version == expected)
    }

    @Test func versionSurvivesFailuresAndChangesOnDeploy() {
        var tracker = HealthEndpointTracker(name: "/health", policy: Self.policy())
        _ = Self.healthy(&tracker, at: 0)
        #expect(tracker.version == "1.0.0")
        _ = Self.timedOut(&tracker, at: 5)
        _ = tracker.record(HealthSamples.result(at: 7, status: 503, body: HealthSamples.platformText), json: nil)
        #expect(tracker.version == "1.0.0")
        let next = JSONValue.object([("status", .string("healthy")), ("version", .string("1.0.1"))])
        _ = tracker.record(HealthSamples.result(at: 10, status: 200, body: next.jsonText), json: next)
        #expect(tracker.version == "1.0.1")
    }
}
