import Testing
@testable import TelltaleCore

@Suite("IDManagerTracker")
struct IDManagerTrackerTests {
    static let base = 1_757_937_600.0

    @Test func countsInitializationsWithDeploySplit() {
        var tracker = IDManagerTracker()
        tracker.recordInitialized(at: Self.base + 30)
        tracker.recordInitialized(at: Self.base + 10)
        tracker.deployed(at: Self.base + 20)
        tracker.recordInitialized(at: Self.base + 40)
        #expect(tracker.initializedCount == 3)
        #expect(tracker.initializedSinceDeploy() == 2)
        #expect(tracker.firstInitialized == Self.base + 10)
        #expect(tracker.lastInitialized == Self.base + 40)
        #expect(tracker.initialized(inLast: 15, now: Self.base + 40) == 2)
    }

    @Test func scansIDsInFreeText() {
        var tracker = IDManagerTracker()
        tracker.scanIDs(in: "AUTH VALIDATION TIMEOUT: user_id: usr_f0397722, connection: main_57a7aacf, elapsed: 0.1011s", at: Self.base)
        tracker.scanIDs(in: "Agent run completed for thread session_23071_097ce80c in 0.99s", at: Self.base)
        tracker.scanIDs(in: "Generated user ID: test_user_15_806c8b38", at: Self.base)
        tracker.scanIDs(in: "stable id user_3f9a2b7c1d2e4f5a (ws_conn_demo-use_1757939142000_3_9f8e7d6c)", at: Self.base)
        tracker.scanIDs(in: "GET /api/threads/demo-user-028 200 650ms", at: Self.base)
        #expect(tracker.idCounts[.legacy] == 2)
        #expect(tracker.idCounts[.unified] == 3)
        #expect(tracker.idCounts[.fallback] == 1)
    }

    @Test func collisionWithinOneCall() {
        var tracker = IDManagerTracker()
        tracker.recordBinding(entity: "main_7a7ec740", users: ["usr_2dc5fd3d", "demo-user-031"], at: Self.base)
        #expect(tracker.collisionCount == 1)
        #expect(tracker.recentCollisions == [IDCollision(entity: "main_7a7ec740", users: ["usr_2dc5fd3d", "demo-user-031"], at: Self.base)])
    }

    @Test func collisionAcrossCalls() {
        var tracker = IDManagerTracker()
        tracker.recordBinding(entity: "main_ba72041f", users: ["usr_221c4e00"], at: Self.base)
        tracker.recordBinding(entity: "main_ba72041f", users: ["usr_404b6eaf"], at: Self.base + 5)
        #expect(tracker.collisionCount == 1)
        #expect(tracker.recentCollisions.last?.users == ["usr_221c4e00", "usr_404b6eaf"])
        #expect(tracker.recentCollisions.last?.at == Self.base + 5)
    }

    @Test func sameUserTwiceIsNotACollision() {
        var tracker = IDManagerTracker()
        tracker.recordBinding(entity: "main_ba72041f", users: ["usr_221c4e00", "usr_221c4e00"], at: Self.base)
        tracker.recordBinding(entity: "main_ba72041f", users: ["usr_221c4e00"], at: Self.base + 1)
        tracker.recordBinding(entity: "main_aaaaaaaa", users: ["usr_404b6eaf"], at: Self.base + 2)
        #expect(tracker.collisionCount == 0)
        #expect(tracker.recentCollisions.isEmpty)
    }

    @Test func collisionsSplitAtTheDeploy() {
        var tracker = IDManagerTracker()
        tracker.recordBinding(entity: "e1", users: ["a", "b"], at: Self.base)
        tracker.recordBinding(entity: "e2", users: ["a", "b"], at: Self.base + 100)
        tracker.deployed(at: Self.base + 50)
        tracker.recordBinding(entity: "e3", users: ["a", "b"], at: Self.base + 10)
        #expect(tracker.collisionCount == 3)
        #expect(tracker.collisionsSinceDeploy() == 1)
    }

    @Test func bindingMemoryIsBoundedOldestFirst() {
        var tracker = IDManagerTracker(collisionMemory: 1_000)
        for index in 0..<5_000 { tracker.recordBinding(entity: "conn-\(index)", users: ["user-\(index)"], at: Self.base) }
        #expect(tracker.rememberedBindings == 1_000)
        #expect(tracker.evictedBindings == 4_000)
        // The oldest binding is forgotten: its collision is missed (documented).
        tracker.recordBinding(entity: "conn-0", users: ["intruder"], at: Self.base + 1)
        #expect(tracker.collisionCount == 0)
        // A recent one is still remembered.
        tracker.recordBinding(entity: "conn-4999", users: ["intruder"], at: Self.base + 1)
        #expect(tracker.collisionCount == 1)
    }

    @Test func recentCollisionsKeepTheNewestHundred() {
        var tracker = IDManagerTracker()
        for index in 0..<250 { tracker.recordBinding(entity: "e\(index)", users: ["a", "b"], at: Self.base + Double(index)) }
        #expect(tracker.collisionCount == 250)
        #expect(tracker.recentCollisions.count == 100)
        #expect(tracker.recentCollisions.first?.entity == "e150")
        #expect(tracker.recentCollisions.last?.entity == "e249")
    }
}
