import Testing
@testable import TelltaleCore

@Suite("HealthOverview")
struct HealthOverviewTests {
    static func tracker(_ name: String, _ results: [(HealthResult, JSONValue?)]) -> HealthEndpointTracker {
        var tracker = HealthEndpointTracker(name: name, policy: .standard())
        for (result, json) in results { _ = tracker.record(result, json: json) }
        return tracker
    }

    static let up = (HealthSamples.result(status: 200, body: HealthSamples.healthyText), HealthSamples.healthy as JSONValue?)
    static let ready = (HealthSamples.result("/health/ready", status: 200, body: HealthSamples.readyText), HealthSamples.ready as JSONValue?)
    static let dbDown = (HealthSamples.result("/health/ready", status: 503, body: HealthSamples.readyDBDownText), HealthSamples.readyDBDown as JSONValue?)
    static let degraded = (HealthSamples.result("/health/backend", status: 200, body: HealthSamples.backendDegradedText), HealthSamples.backendDegraded as JSONValue?)

    @Test func theWorstEndpointDecides() {
        let overview = HealthOverview([
            Self.tracker("/health", [Self.up]), Self.tracker("/health/backend", [Self.degraded]),
            Self.tracker("/health/ready", [Self.ready, Self.dbDown]), Self.tracker("/metrics", []),
        ])
        #expect(overview.state == .down)
        #expect(overview.problems == [
            "/health/ready: 503: Core database unavailable",
            "/health/backend: " + HealthPolicyTests.degradedReason,
        ])
        #expect(!overview.lastResultsHealthy(1))
    }

    @Test func healthyOnlyWhenEveryEndpointShowedIt() {
        let allUp = HealthOverview([Self.tracker("/health", [Self.up, Self.up]), Self.tracker("/health/ready", [Self.ready])])
        #expect(allUp.state == .healthy)
        #expect(allUp.problems.isEmpty)
        #expect(allUp.lastResultsHealthy(1))
        #expect(!allUp.lastResultsHealthy(2))
        #expect(HealthOverview([]).state == .unknown)
        #expect(!HealthOverview([]).lastResultsHealthy(1))
        #expect(!HealthOverview([Self.tracker("/health", [Self.up]), Self.tracker("/metrics", [])]).lastResultsHealthy(1))
    }
}
