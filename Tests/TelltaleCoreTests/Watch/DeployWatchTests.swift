import Testing
@testable import TelltaleCore

@Suite("DeployWatch")
struct DeployWatchTests {
    static let rules = try! RuleSet.defaultPack()
    static let t0 = 1_757_937_600.0  // 2025-09-15 12:00:00 UTC

    static func record(_ message: String, at offset: Double, severity: Severity = .warning, revision: String? = nil,
                       logger: String = "netra_backend.app.websocket_core.websocket_manager", arrival: Double? = nil) -> LogRecord {
        LogRecord(time: t0 + offset, arrival: arrival ?? t0 + offset, severity: severity, message: message, loggers: [logger],
                  revision: revision, shape: .appJSON, source: "test")
    }

    @Test func anEntryMatchedByTwoDuplicationRulesCountsOnce() {
        // A custom rule that also matches the validation line must not double count it.
        let extra = try! Rule(name: "extra-dup", signal: .duplication, minSeverity: .warning,
                              contains: ["potential duplication"], regex: "user (?<user>\\S+) - potential")
        var watch = DeployWatch(rules: Self.rules.merging([extra], disabling: []), watchedUsers: ["demo-user-001"])
        watch.ingest(Self.record("SSOT VALIDATION: Multiple manager instances for user demo-user-001 - potential duplication", at: 0))
        #expect(watch.duplication.totalEntries == 1)
        #expect(watch.duplication.stats(for: "demo-user-001", now: Self.t0).total == 1)
        #expect(watch.websocket.total == 1)
    }

    /// Each signal's evidence is filed once per entry, under its own signal
    /// only, and read the same way by signal and as a table.
    @Test func evidenceIsFiledUnderEachSignalOfTheEntryOnce() {
        var watch = DeployWatch(rules: Self.rules, watchedUsers: ["demo-user-001"])
        watch.ingest(Self.record("SSOT VALIDATION: Multiple manager instances for user demo-user-001 - potential duplication", at: 0))
        watch.ingest(Self.record("SSOT WARNING: Found other WebSocket Manager classes: ['a.B']", at: 1))
        watch.ingest(Self.record("Database initialization timeout after 8.0s", at: 2, severity: .error, logger: "app.db"))
        watch.ingest(Self.record("GET /api/threads 200", at: 3, severity: .info, logger: "app.api"))
        #expect(watch.evidence(of: .duplication)?.records.map(\.message).count == 1)
        #expect(watch.evidence(of: .websocketWarning)?.records.count == 2)
        #expect(watch.evidence(of: .databaseTimeout)?.records.count == 1)
        #expect(watch.evidence(of: .idBinding) == nil)
        #expect(watch.evidence.keys.sorted { $0.rawValue < $1.rawValue } == [.databaseTimeout, .duplication, .websocketWarning])
        for signal in Signal.allCases {
            #expect(watch.evidence[signal]?.records.map(\.message) == watch.evidence(of: signal)?.records.map(\.message))
        }
        #expect(watch.watchedEvidence["demo-user-001"]?.records.count == 1)
    }

    @Test func duplicationEntriesAreWebSocketWarningsWhateverTheirLogger() {
        var watch = DeployWatch(rules: Self.rules)
        watch.ingest(Self.record("SSOT VIOLATION: Multiple manager instances for user demo-user-002", at: 0,
                                 severity: .error, logger: "some.other.module"))
        #expect(watch.duplication.totalEntries == 1)
        #expect(watch.websocket.total == 1)
    }

    /// A batch copies only its newest entries into the log tail; what it
    /// leaves must be what one `ingest` per entry leaves.
    @Test(arguments: [1, 150, 199, 200, 201, 450])
    func aBatchLeavesTheStateOfOneIngestPerEntry(count: Int) {
        var records: [LogRecord] = []
        for i in 0..<count {
            records.append(i % 7 == 0
                ? Self.record("SSOT VALIDATION: Multiple manager instances for user demo-user-00\(i % 3) - potential duplication", at: Double(i))
                : Self.record("GET /api/threads/thread_\(i) 200", at: Double(i), severity: .info))
        }
        records.append(LogRecord(arrival: Self.t0 + 500, message: "garbage", shape: .unparsed, source: "other"))
        var one = DeployWatch(rules: Self.rules, watchedUsers: ["demo-user-001"])
        var batched = one
        one.sourceIndex("test")
        batched.sourceIndex("test")
        // A tail already holding entries, so the batch's must push them out in order.
        for r in records.prefix(50) {
            one.ingest(r)
            batched.ingest(r)
        }
        for r in records { one.ingest(r) }
        batched.ingest(records.map { PreparedRecord($0, rules: Self.rules) })
        #expect(batched.tail.records == one.tail.records)
        #expect(batched.lines == one.lines)
        #expect(batched.sources.map(\.entries) == one.sources.map(\.entries))
        #expect(batched.sources.map(\.entries) == [count + min(50, count)])
        #expect(batched.duplication.totalEntries == one.duplication.totalEntries)
        #expect(batched.now == one.now)
    }

    @Test func linesAreCountedWhetherParsedOrNot() {
        var watch = DeployWatch(rules: Self.rules)
        watch.ingest(Self.record("GET /api/threads/demo-user-001 200 88ms", at: 0, severity: .info))
        watch.ingest(LogRecord(arrival: Self.t0, message: "garbage", shape: .unparsed, source: "test"))
        #expect(watch.lines.total == 2)
        #expect(watch.lines.parsed == 1)
        #expect(watch.lines.unparsed == 1)
    }

    @Test func aNewRevisionSplitsTheCountersAtTheDeploy() {
        var watch = DeployWatch(rules: Self.rules, watchedUsers: ["demo-user-001"])
        watch.ingest(Self.record("x", at: 0, severity: .info, revision: "rev-1"))
        watch.ingest(Self.record("SSOT VALIDATION: Multiple manager instances for user demo-user-001 - potential duplication", at: 10, revision: "rev-1"))
        watch.ingest(Self.record("UnifiedIDManager initialized", at: 100, severity: .info, revision: "rev-2"))
        watch.ingest(Self.record("SSOT VALIDATION: Multiple manager instances for user demo-user-013 - potential duplication", at: 110, revision: "rev-2"))
        #expect(watch.deploys.deploys.map(\.revision) == ["rev-2"])
        #expect(watch.lastDeployTime == Self.t0 + 100)
        #expect(watch.duplication.stats(for: "demo-user-001", now: watch.now!).sinceDeploy == 0)
        #expect(watch.duplication.stats(for: "demo-user-013", now: watch.now!).sinceDeploy == 1)
        #expect(watch.idManager.initializedSinceDeploy() == 1)
        #expect(watch.events.contains { $0.kind == .deploy && $0.text.contains("rev-2") })
    }

    @Test func healthPollsAreMappedOntoTheLogTimeline() {
        var watch = DeployWatch(rules: Self.rules)
        // The log clock runs 1000 s ahead of the wall clock (a replay or a sped-up demo).
        watch.ingest(Self.record("x", at: 1000, severity: .info, arrival: Self.t0))
        watch.ingest(HealthResult(endpoint: "/health", time: Self.t0 + 5, status: 503, latency: 0.01,
                                  body: #"{"status":"unhealthy","message":"Startup failed: Database initialization timeout after 8.0s"}"#))
        #expect(watch.health.first?.lastResult?.time == Self.t0 + 1005)
        #expect(watch.health.first?.state == .down)
        #expect(watch.overallHealth == .down)
        #expect(watch.events.contains { $0.kind == .health && $0.at == Self.t0 + 1005 })
    }

    @Test func aHealthVersionIsADeployOnlyWhenTheLogsNameNoRevision() {
        var versions = DeployWatch(rules: Self.rules)
        versions.ingest(HealthResult(endpoint: "/health", time: Self.t0, status: 200, body: #"{"status":"healthy","version":"1.0.0"}"#))
        versions.ingest(HealthResult(endpoint: "/health", time: Self.t0 + 60, status: 200, body: #"{"status":"healthy","version":"1.0.1"}"#))
        #expect(versions.deploys.deploys.map(\.origin) == [.health])

        var revisions = DeployWatch(rules: Self.rules)
        revisions.ingest(Self.record("x", at: 0, severity: .info, revision: "rev-1"))
        revisions.ingest(HealthResult(endpoint: "/health", time: Self.t0, status: 200, body: #"{"status":"healthy","version":"1.0.0"}"#))
        revisions.ingest(Self.record("x", at: 50, severity: .info, revision: "rev-2"))
        revisions.ingest(HealthResult(endpoint: "/health", time: Self.t0 + 60, status: 200, body: #"{"status":"healthy","version":"1.0.1"}"#))
        #expect(revisions.deploys.deploys.map(\.revision) == ["rev-2"])
    }

    @Test func readinessBodiesFeedTheDatabaseState() {
        var watch = DeployWatch(rules: Self.rules)
        watch.ingest(HealthResult(endpoint: "/health/ready", time: Self.t0, status: 503, body: #"{"detail":"Core database unavailable"}"#))
        #expect(watch.database.state(now: Self.t0) == .down)
        watch.ingest(HealthResult(endpoint: "/health/ready", time: Self.t0 + 120, status: 200, body: #"{"status":"ready","core_db":"connected"}"#))
        #expect(watch.database.state(now: Self.t0 + 120) == .up)
        #expect(watch.events.filter { $0.kind == .database }.map(\.text) == ["database down", "database up"])
    }

    @Test func quietLiveSourcesLetNowFollowTheWallClock() {
        var watch = DeployWatch(rules: Self.rules)
        watch.ingest(Self.record("x", at: 0, severity: .info, arrival: Self.t0 + 2))
        watch.advanceClock(wallTime: Self.t0 + 62)
        #expect(watch.now == Self.t0 + 60)
        // The clock never goes backwards.
        watch.advanceClock(wallTime: Self.t0)
        #expect(watch.now == Self.t0 + 60)
    }

    @Test func sourceStatesAndFailuresAreKept() {
        var watch = DeployWatch(rules: Self.rules)
        watch.source("app.log", state: .reading, at: Self.t0)
        watch.source("app.log", state: .reconnecting(at: Self.t0 + 1, reason: "rotated"), at: Self.t0)
        watch.source("app.log", state: .failed("permission denied"), at: Self.t0 + 2)
        watch.source("app.log", receivedBytes: 42)
        let status = watch.sources.first!
        #expect(status.reconnects == 1)
        #expect(status.hasFailed)
        #expect(status.bytes == 42)
        #expect(watch.events.filter { $0.kind == .source }.count == 2)
    }
}
