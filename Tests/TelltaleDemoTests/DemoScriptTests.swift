import Foundation
import Testing
@testable import TelltaleDemo

/// 2025-09-15T12:00:00Z, the morning of the incident the samples come from.
private let incidentStart = 1_757_937_600.0

private func logLines(_ events: [DemoEvent]) -> [DemoLogLine] {
    events.compactMap(\.logLine)
}

@Suite("DemoScript")
struct DemoScriptTests {
    @Test("the same seed replays identical events")
    func sameSeedSameEvents() {
        let first = DemoScript(seed: 7, start: incidentStart).events(from: 0, to: 240)
        let second = DemoScript(seed: 7, start: incidentStart).events(from: 0, to: 240)
        #expect(first == second)
        #expect(logLines(first).count > 1_000)
    }

    @Test("different seeds give different traffic")
    func differentSeedsDiffer() {
        let first = logLines(DemoScript(seed: 1, start: incidentStart).events(from: 0, to: 120))
        let second = logLines(DemoScript(seed: 2, start: incidentStart).events(from: 0, to: 120))
        #expect(first != second)
    }

    @Test("windows concatenate to the whole story", arguments: [10.0, 40.0, 73.4, 150.0, 150.5])
    func windowsConcatenate(split: Double) {
        let script = DemoScript(seed: 3, start: incidentStart)
        let whole = script.events(from: 0, to: 200)
        #expect(script.events(from: 0, to: split) + script.events(from: split, to: 200) == whole)
    }

    @Test("events are in time order and inside the window")
    func eventsOrdered() {
        let events = DemoScript(seed: 5, start: incidentStart).events(from: 35.5, to: 160.25)
        #expect(events.first!.simulatedTime >= 35.5)
        #expect(events.last!.simulatedTime < 160.25)
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.simulatedTime <= $1.simulatedTime })
    }

    @Test("the health phases follow the story")
    func phaseChanges() {
        let phases = DemoScript(seed: 1, start: incidentStart).events(from: 0, to: 400).compactMap { event -> DemoPhase? in
            if case .phaseChange(let phase) = event.kind { return phase }
            return nil
        }
        #expect(phases == [.startingUp, .startupFailed, .startingUp, .startupFailed, .serving, .deployed])
    }

    @Test("database timeouts happen only before the recovery, and are counted exactly")
    func timeoutsBeforeRecovery() {
        let script = DemoScript(seed: 11, start: incidentStart)
        let events = script.events(from: 0, to: 300)
        let timeoutTimes = events.filter {
            $0.logLine?.text.contains("Database initialization timeout after 8.0s") == true
        }.map(\.simulatedTime)
        let recovery = events.first { $0.logLine?.text.contains("Database connection established (pool_size=5)") == true }
        #expect(!timeoutTimes.isEmpty)
        #expect(timeoutTimes.allSatisfy { $0 < recovery!.simulatedTime })
        #expect(recovery!.simulatedTime == 40)
        // Two failed startups, each reporting the timeout itself in two shapes.
        #expect(script.groundTruth(upTo: 40).databaseTimeouts == 4)
        #expect(script.groundTruth(upTo: 300).databaseTimeouts == 4)
    }

    @Test("no duplication names demo-user-001 after the deploy", arguments: [UInt64(1), 2, 99])
    func deployFixesMainUser(seed: UInt64) {
        let script = DemoScript(seed: seed, start: incidentStart)
        let truth = script.groundTruth(upTo: 900)
        let before = truth.beforeDeploy
        let mainShare = Double(before.duplications(of: "demo-user-001"))
            / Double(before.duplicationWarnings.values.reduce(0, +))
        #expect(before.duplications(of: "demo-user-001") >= 20)
        #expect(mainShare > 0.5 && mainShare < 0.9)
        #expect(truth.afterDeploy.duplications(of: "demo-user-001") == 0)
        #expect(truth.afterDeploy.ssotViolations["demo-user-001", default: 0] == 0)
        #expect(truth.afterDeploy.lines > 5 * 700)
        let lateMentions = script.events(from: DemoScript.deployTime, to: 900).filter {
            guard let text = $0.logLine?.text else { return false }
            return text.contains("Multiple manager instances for user demo-user-001")
        }
        #expect(lateMentions.isEmpty)
    }

    @Test("LogEntry lines switch revision at the deploy")
    func revisionChanges() {
        let script = DemoScript(seed: 4, start: incidentStart)
        for event in script.events(from: 0, to: 300) {
            guard let line = event.logLine, line.shape == .logEntry else { continue }
            let expected = event.simulatedTime < 150 ? "netra-backend-staging-00642-9vv" : "netra-backend-staging-00643-k2d"
            #expect(line.text.contains("\"revision_name\": \"\(expected)\""))
        }
        #expect(script.groundTruth(upTo: 300).revisions == ["netra-backend-staging-00642-9vv", "netra-backend-staging-00643-k2d"])
        #expect(script.groundTruth(upTo: 149).revisions == ["netra-backend-staging-00642-9vv"])
        #expect(script.groundTruth(upTo: 149).deployTime == nil)
        #expect(script.groundTruth(upTo: 151).deployTime == incidentStart + 150)
    }

    @Test("all four shapes occur", arguments: [UInt64(1), 8, 1234])
    func allShapes(seed: UInt64) {
        let truth = DemoScript(seed: seed, start: incidentStart).groundTruth(upTo: 200)
        for shape in DemoLogShape.allCases {
            #expect(truth.linesByShape[shape, default: 0] > 10, "shape \(shape.rawValue)")
        }
    }

    @Test("every line is one-line JSON of its shape or the plain-text format")
    func linesWellFormed() throws {
        let plain = try Regex(#"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3} - netra-backend - [\w.]+ - (DEBUG|INFO|WARNING|ERROR|CRITICAL) - .+$"#)
        for line in logLines(DemoScript(seed: 21, start: incidentStart).events(from: 0, to: 400)) {
            #expect(!line.text.contains("\n"))
            if line.shape == .plainText {
                #expect(line.text.wholeMatch(of: plain) != nil, "\(line.text)")
                continue
            }
            let object = try JSONSerialization.jsonObject(with: Data(line.text.utf8)) as? [String: Any]
            #expect(object?["severity"] as? String == line.severity)
            switch line.shape {
            case .appJSON:
                #expect(object?["labels"] is [String: Any] && object?["context"] is [String: Any])
                #expect((object?["timestamp"] as? String)?.hasSuffix("+00:00") == true)
            case .unifiedJSON:
                #expect((object?["error"] as? [String: Any])?["message"] as? String == "Missing field")
                #expect((object?["timestamp"] as? String)?.hasSuffix("Z") == true)
            case .logEntry:
                let resource = object?["resource"] as? [String: Any]
                #expect(resource?["type"] as? String == "cloud_run_revision")
                #expect(object?["jsonPayload"] != nil || object?["textPayload"] != nil || object?["httpRequest"] != nil)
            case .plainText:
                break
            }
        }
    }

    @Test("Cloud Run request logs carry httpRequest, slow 503s while the startup fails")
    func requestLogs() throws {
        let lines = logLines(DemoScript(seed: 6, start: incidentStart).events(from: 0, to: 200))
        let requests = try lines.compactMap { line -> [String: Any]? in
            guard line.shape == .logEntry else { return nil }
            let object = try JSONSerialization.jsonObject(with: Data(line.text.utf8)) as? [String: Any]
            return object?["httpRequest"] as? [String: Any]
        }
        #expect(requests.count > 20)
        #expect(requests.contains { $0["status"] as? Int == 503 && $0["latency"] as? String == "13.04s" })
        #expect(requests.allSatisfy { ($0["latency"] as? String)?.wholeMatch(of: /\d+(\.\d+)?s/) != nil })
        #expect(requests.allSatisfy { $0["requestMethod"] as? String == "GET" })
    }

    @Test("latencies print like Cloud Logging's", arguments: [(13.04, "13.04"), (0.0125, "0.0125"), (3.0, "3")])
    func latencyText(seconds: Double, text: String) {
        #expect(DemoLogFormatter.seconds(seconds) == text)
    }

    @Test("the ground truth matches the text of the lines")
    func groundTruthMatchesText() {
        let script = DemoScript(seed: 13, start: incidentStart)
        let lines = logLines(script.events(from: 0, to: 500)).map(\.text)
        let truth = script.groundTruth(upTo: 500)
        func count(_ needle: String) -> Int { lines.filter { $0.contains(needle) }.count }
        #expect(truth.lines == lines.count)
        #expect(truth.idManagerInits == count("UnifiedIDManager initialized"))
        #expect(truth.idManagerInits == 4)
        #expect(truth.databaseConnections == count("Database connection established (pool_size=5)"))
        let warnings = truth.beforeDeploy.duplicationWarnings.values.reduce(0, +)
            + truth.afterDeploy.duplicationWarnings.values.reduce(0, +)
        #expect(warnings == count("SSOT VALIDATION: Multiple manager instances for user"))
        #expect(truth.beforeDeploy.duplicationIssueLists + truth.afterDeploy.duplicationIssueLists
            == count("SSOT validation issues (non-blocking)"))
        #expect(truth.beforeDeploy.duplicateRegistrations + truth.afterDeploy.duplicateRegistrations
            == count("DUPLICATE CONNECTION REGISTRATION DETECTED"))
        #expect(truth.beforeDeploy.lines + truth.afterDeploy.lines == truth.lines)
        #expect(truth.linesBySeverity.values.reduce(0, +) == truth.lines)
    }

    @Test("traffic runs at 5 to 20 events a simulated second")
    func trafficRate() {
        let events = DemoScript(seed: 17, start: incidentStart).events(from: 41, to: 400)
        var perSecond: [Int: Int] = [:]
        for event in events where event.logLine != nil {
            perSecond[Int(event.simulatedTime), default: 0] += 1
        }
        #expect(perSecond.count == 359)
        // A duplication event adds up to three extra lines to its one event.
        #expect(perSecond.values.allSatisfy { (5...80).contains($0) })
        let average = Double(perSecond.values.reduce(0, +)) / Double(perSecond.count)
        #expect(average > 8 && average < 20)
    }

    @Test("log timestamps are start plus simulated time, in each shape's format")
    func timestamps() {
        let lines = logLines(DemoScript(seed: 1, start: incidentStart).events(from: 8, to: 8.02)).map(\.text)
        #expect(lines.contains { $0.contains("\"timestamp\": \"2025-09-15T12:00:08.000000Z\"") })
        #expect(lines.contains { $0.contains("\"timestamp\": \"2025-09-15T12:00:08.005000+00:00\"") })
        #expect(lines.contains { $0.hasPrefix("2025-09-15 12:00:08,010 - netra-backend - netra_backend.app.smd - ERROR -  FAIL:  PHASE FAILED: DATABASE") })
    }

    @Test("civil dates across leap days and year ends", arguments: [
        (951_782_400.0, "2000-02-29T00:00:00.000000Z"),
        (1_709_251_199.5, "2024-02-29T23:59:59.500000Z"),
        (1_735_689_599.999999, "2024-12-31T23:59:59.999999Z"),
        (0.0, "1970-01-01T00:00:00.000000Z"),
    ])
    func civilDates(seconds: Double, expected: String) {
        #expect(DemoTimestamp(seconds).isoZulu == expected)
    }

    @Test("health answers follow the phase", arguments: [
        (1.0, "/health", 503, "Startup in progress"),
        (10.0, "/health", 503, "Startup failed: Database initialization timeout after 8.0s"),
        (22.0, "/health", 503, "startup_in_progress"),
        (50.0, "/health", 200, "\"version\":\"1.0.0\""),
        (200.0, "/health", 200, "\"version\":\"1.0.1\""),
        (1.0, "/health/ready", 503, "Core database unavailable"),
        (50.0, "/health/ready", 200, "\"status\":\"ready\""),
        (10.0, "/health/backend", 503, "Core database unavailable"),
        (50.0, "/health/backend", 200, "\"status\":\"degraded\""),
        (200.0, "/health/backend", 200, "\"version\":\"1.0.1\""),
    ])
    func healthAnswers(time: Double, path: String, status: Int, fragment: String) throws {
        let script = DemoScript(seed: 1, start: incidentStart)
        let response = try #require(script.phase(at: time).healthResponse(for: path, logTime: incidentStart + time))
        #expect(response.status == status)
        #expect(response.body.contains(fragment))
        #expect(try JSONSerialization.jsonObject(with: Data(response.body.utf8)) is [String: Any])
        #expect(script.phase(at: time).healthResponse(for: "/nope", logTime: 0) == nil)
    }
}
