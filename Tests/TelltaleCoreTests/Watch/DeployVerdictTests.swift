import Testing
@testable import TelltaleCore

@Suite("DeployVerdict")
struct DeployVerdictTests {
    static let t0 = DeployWatchTests.t0

    static func watch(_ messages: [(String, Double)], watched: [String] = ["demo-user-001"]) -> DeployWatch {
        var watch = DeployWatch(rules: DeployWatchTests.rules, watchedUsers: watched)
        for (message, offset) in messages {
            let severity: Severity = message.contains("initialized") ? .info : .warning
            watch.ingest(DeployWatchTests.record(message, at: offset, severity: severity))
        }
        return watch
    }

    static let dup001 = "SSOT VALIDATION: Multiple manager instances for user demo-user-001 - potential duplication"

    @Test func passNeedsPositiveEvidenceAndSkippedNeverDecides() {
        let w = Self.watch([("UnifiedIDManager initialized", 0), (Self.dup001, 10), ("steady", 2000)])
        let verdict = DeployVerdict.evaluate(w, criteria: CheckCriterion.defaults, context: .init(healthConfigured: false))
        #expect(verdict.verdict == .pass)
        #expect(verdict.checks.map(\.status) == [.pass, .skipped, .pass])
    }

    @Test func aDuplicationInTheWindowFailsWithEvidence() {
        let w = Self.watch([("UnifiedIDManager initialized", 0), (Self.dup001, 1990), ("steady", 2000)])
        let verdict = DeployVerdict.evaluate(w, criteria: [.duplicationInWindow(max: 0)], context: .init(healthConfigured: false))
        #expect(verdict.verdict == .fail)
        #expect(verdict.checks[0].detail == "demo-user-001: 1 in the last 15m (max 0)")
        #expect(verdict.checks[0].evidence.map(\.message) == [Self.dup001])
        // A tolerance of one passes.
        let tolerant = DeployVerdict.evaluate(w, criteria: [.duplicationInWindow(max: 1)], context: .init(healthConfigured: false))
        #expect(tolerant.verdict == .pass)
    }

    @Test func noDataIsInconclusive() {
        let verdict = DeployVerdict.evaluate(DeployWatch(rules: DeployWatchTests.rules), criteria: CheckCriterion.defaults,
                                             context: .init(healthConfigured: true))
        #expect(verdict.verdict == .inconclusive)
        #expect(verdict.checks.allSatisfy { $0.status == .inconclusive })
    }

    @Test func aFailedSourceMakesAPassInconclusive() {
        var w = Self.watch([("UnifiedIDManager initialized", 0)])
        w.source("/var/log/app.log", state: .failed("permission denied"), at: Self.t0)
        let verdict = DeployVerdict.evaluate(w, criteria: [.idManagerInitialized], context: .init(healthConfigured: false))
        #expect(verdict.verdict == .inconclusive)
        #expect(verdict.notes == ["source /var/log/app.log failed: permission denied"])
    }

    @Test func aFailureWinsOverInconclusive() {
        let w = Self.watch([(Self.dup001, 0)])
        let verdict = DeployVerdict.evaluate(w, criteria: [.duplicationInWindow(max: 0), .healthHealthy(polls: 1)],
                                             context: .init(healthConfigured: true))
        #expect(verdict.checks.map(\.status) == [.fail, .inconclusive])
        #expect(verdict.verdict == .fail)
        #expect(verdict.verdict.exitStatus == 1)
    }

    @Test func healthThatNeverAnsweredIsInconclusiveAndAnUnhealthyOneFails() {
        var hung = Self.watch([("x", 0)])
        hung.ingest(HealthResult(endpoint: "/health", time: Self.t0, latency: 5, error: .timeout(5)))
        let hungVerdict = DeployVerdict.evaluate(hung, criteria: [.healthHealthy(polls: 1)], context: .init(healthConfigured: true))
        #expect(hungVerdict.verdict == .inconclusive)
        #expect(hungVerdict.checks[0].detail == "/health: never answered (timeout after 5s)")

        var failing = Self.watch([("x", 0)])
        failing.ingest(HealthResult(endpoint: "/health", time: Self.t0, status: 503, latency: 0.1,
                                    body: #"{"status":"unhealthy","message":"Startup failed: Database initialization timeout after 8.0s"}"#))
        let failingVerdict = DeployVerdict.evaluate(failing, criteria: [.healthHealthy(polls: 1)], context: .init(healthConfigured: true))
        #expect(failingVerdict.verdict == .fail)
        #expect(failingVerdict.checks[0].detail.contains("503: Startup failed: Database initialization timeout after 8.0s"))
    }

    @Test func requirementsParse() throws {
        #expect(try CheckCriterion(requirement: "duplication_in_window=2") == .duplicationInWindow(max: 2))
        #expect(try CheckCriterion(requirement: "health-healthy=3") == .healthHealthy(polls: 3))
        #expect(try CheckCriterion(requirement: "id_manager_initialized") == .idManagerInitialized)
        #expect(throws: CriterionParseError.self) { try CheckCriterion(requirement: "id_manager_initialized=1") }
        #expect(throws: CriterionParseError.self) { try CheckCriterion(requirement: "health_healthy=0") }
        #expect(throws: CriterionParseError.self) { try CheckCriterion(requirement: "duplication_in_window=-1") }
    }
}
