import Testing
@testable import TelltaleCore

@Suite("DeployTracker")
struct DeployTrackerTests {
    static let base = 1_757_937_600.0

    @Test func firstRevisionIsNotADeployNewOneIsFlipBackIsNot() {
        var tracker = DeployTracker()
        #expect(tracker.observe(revision: "netra-backend-staging-00642-9vv", at: Self.base) == nil)
        #expect(tracker.currentRevision == "netra-backend-staging-00642-9vv")
        #expect(tracker.observe(revision: "netra-backend-staging-00642-9vv", at: Self.base + 1) == nil)
        let deploy = tracker.observe(revision: "netra-backend-staging-00643-abc", at: Self.base + 60)
        #expect(deploy == Deploy(at: Self.base + 60, revision: "netra-backend-staging-00643-abc", origin: .logs))
        #expect(tracker.observe(revision: "netra-backend-staging-00642-9vv", at: Self.base + 61) == nil)
        #expect(tracker.observe(revision: "netra-backend-staging-00643-abc", at: Self.base + 62) == nil)
        #expect(tracker.deploys == [deploy])
        #expect(tracker.lastDeploy == deploy)
        #expect(tracker.currentRevision == "netra-backend-staging-00643-abc")
    }

    @Test func healthVersionsArePerEndpoint() {
        var tracker = DeployTracker()
        #expect(tracker.observe(version: "1.0.0", endpoint: "/health", at: Self.base) == nil)
        #expect(tracker.observe(version: "1.0.0", endpoint: "/health/backend", at: Self.base) == nil)
        #expect(tracker.observe(version: "1.0.1", endpoint: "/health", at: Self.base + 30)
            == Deploy(at: Self.base + 30, revision: "1.0.1", origin: .health))
        #expect(tracker.observe(version: "1.0.0", endpoint: "/health", at: Self.base + 31) == nil)
        #expect(tracker.currentVersion(endpoint: "/health") == "1.0.1")
        #expect(tracker.currentVersion(endpoint: "/health/backend") == "1.0.0")
        #expect(tracker.currentRevision == nil)
    }

    @Test func manualMarks() {
        var tracker = DeployTracker()
        let mark = tracker.mark(at: Self.base, label: "hotfix")
        #expect(mark == Deploy(at: Self.base, revision: "hotfix", origin: .manual))
        #expect(tracker.lastDeploy == mark)
        // A manual mark is not a revision: the first revision still only sets the current one.
        #expect(tracker.observe(revision: "r1", at: Self.base + 1) == nil)
    }

    @Test func historyAndKnownRevisionsAreBounded() {
        var tracker = DeployTracker(knownRevisionLimit: 4)
        for index in 0..<150 { _ = tracker.observe(revision: "rev-\(index)", at: Self.base + Double(index)) }
        #expect(tracker.deploys.count == DeployTracker.deployHistoryLimit)
        #expect(tracker.deploys.first?.revision == "rev-50")
        #expect(tracker.lastDeploy?.revision == "rev-149")
        // rev-0 was forgotten long ago, so it counts as new again; rev-148 is still known.
        #expect(tracker.observe(revision: "rev-148", at: Self.base + 200) == nil)
        #expect(tracker.observe(revision: "rev-0", at: Self.base + 201)?.revision == "rev-0")
    }
}
