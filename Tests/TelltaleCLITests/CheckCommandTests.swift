import Foundation
import Testing
import TelltaleCore

/// End-to-end runs of the built `telltale check` on fixture files: the report
/// text, the JSON keys and the exit status a pipeline acts on.
@Suite("telltale check, end to end")
struct CheckCommandTests {
    static func fixture(_ name: String) -> String {
        TelltaleBinary.fixtures.appendingPathComponent(name).path
    }

    static func json(_ text: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any])
    }

    @Test func passingDeployExitsZeroWithTheExactCounts() throws {
        let result = try TelltaleBinary.run([
            "check", "--logs", Self.fixture("deploy-pass.ndjson"), "--watch-user", "demo-user-001", "--format", "json",
        ])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let report = try Self.json(result.stdout)
        #expect(report["verdict"] as? String == "pass")
        let lines = try #require(report["lines"] as? [String: Any])
        #expect(lines["total"] as? Int == 51)
        #expect(lines["unparsed"] as? Int == 0)
        let duplication = try #require(report["duplication"] as? [String: Any])
        #expect(duplication["total"] as? Int == 22)
        let users = try #require(duplication["users"] as? [String: Int])
        #expect(users == ["demo-user-001": 20, "demo-user-002": 1, "demo-user-003": 1, "demo-user-013": 1])
        let after = try #require(duplication["usersAfterDeploy"] as? [String: Int])
        #expect(after["demo-user-001"] == 0)
        #expect(after["demo-user-013"] == 1)
        let deploys = try #require(report["deploys"] as? [[String: Any]])
        #expect(deploys.count == 1)
        #expect(deploys.first?["revision"] as? String == "netra-backend-staging-00643-k2d")
        #expect(deploys.first?["at"] as? String == "2025-09-15T12:05:00.000Z")
        let websocket = try #require(report["websocket"] as? [String: Any])
        #expect(websocket["warnings"] as? Int == 22)
        let idManager = try #require(report["idManager"] as? [String: Any])
        #expect(idManager["initialized"] as? Bool == true)
        let db = try #require(report["db"] as? [String: Any])
        #expect(db["timeouts"] as? Int == 1)
        #expect(db["state"] as? String == "up")
        let checks = try #require(report["checks"] as? [[String: Any]])
        let statuses = Dictionary(uniqueKeysWithValues: checks.map { ($0["name"] as! String, $0["status"] as! String) })
        #expect(statuses == ["duplication_in_window": "pass", "health_healthy": "skipped", "id_manager_initialized": "pass"])
    }

    @Test func duplicationInTheWindowFailsWithEvidence() throws {
        let result = try TelltaleBinary.run(["check", "--logs", Self.fixture("deploy-fail.ndjson"), "--watch-user", "demo-user-001"])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("# Deploy validation: FAIL"))
        #expect(result.stdout.contains("| duplication_in_window | ❌ fail | demo-user-001: 1 in the last 15m (max 0) |"))
        #expect(result.stdout.contains("SSOT VIOLATION: Multiple manager instances for user demo-user-001"))
        #expect(result.stdout.contains("## Duplication per user"))
        #expect(result.stdout.contains("| ★ demo-user-001 | 21 |"))
    }

    @Test func sinceDeployCriterionFromTheCommandLine() throws {
        let pass = try TelltaleBinary.run([
            "check", "--logs", Self.fixture("deploy-pass.ndjson"), "--watch-user", "demo-user-001",
            "--require", "duplication_since_deploy", "--require", "no_database_timeout_since_deploy", "--format", "json",
        ])
        #expect(pass.status == 0, "stderr: \(pass.stderr)")
        // Without a watched user the criterion covers everyone: demo-user-013 had one after the deploy.
        let fail = try TelltaleBinary.run([
            "check", "--logs", Self.fixture("deploy-pass.ndjson"), "--require", "duplication_since_deploy",
        ])
        #expect(fail.status == 1)
        #expect(fail.stdout.contains("demo-user-013: 1"))
    }

    @Test func standardInputIsASource() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.fixture("deploy-pass.ndjson")))
        let result = try TelltaleBinary.run(["check", "--logs", "-", "--watch-user", "demo-user-001", "--format", "json"], stdin: data)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let report = try Self.json(result.stdout)
        #expect((report["lines"] as? [String: Any])?["total"] as? Int == 51)
    }

    @Test func prettyPrintedLoggingCLIOutputIsReassembled() throws {
        let result = try TelltaleBinary.run(["check", "--logs", Self.fixture("gcloud-array.json"), "--format", "json"])
        let report = try Self.json(result.stdout)
        let lines = try #require(report["lines"] as? [String: Any])
        #expect(lines["total"] as? Int == 3)
        #expect(lines["unparsed"] as? Int == 0)
        #expect((report["duplication"] as? [String: Any])?["users"] as? [String: Int] == ["demo-user-001": 1])
        // demo-user-001 is inside the window (no watched user: every user counts).
        #expect(result.status == 1)
    }

    @Test func plainTextLogfmtAndGarbageLines() throws {
        let result = try TelltaleBinary.run(["check", "--logs", Self.fixture("plain.log"), "--format", "json"])
        let report = try Self.json(result.stdout)
        let lines = try #require(report["lines"] as? [String: Any])
        #expect(lines["total"] as? Int == 11)
        #expect(lines["unparsed"] as? Int == 1)
        let db = try #require(report["db"] as? [String: Any])
        #expect(db["timeouts"] as? Int == 1)
        #expect((db["errors"] as? Int ?? 0) >= 1)
        #expect((report["duplication"] as? [String: Any])?["users"] as? [String: Int] == ["demo-user-007": 1, "demo-user-008": 1])
    }

    @Test func emptyInputIsInconclusive() throws {
        let result = try TelltaleBinary.run(["check", "--logs", "-"], stdin: Data())
        #expect(result.status == 2)
        #expect(result.stdout.contains("INCONCLUSIVE"))
    }

    @Test func aMissingFileIsInconclusiveAndNamed() throws {
        let result = try TelltaleBinary.run(["check", "--logs", "/nonexistent/telltale-test.log", "--format", "json"])
        #expect(result.status == 2)
        let report = try Self.json(result.stdout)
        let notes = try #require(report["notes"] as? [String])
        #expect(notes.contains { $0.contains("/nonexistent/telltale-test.log") })
    }

    @Test func usageAndConfigErrorsExit64() throws {
        let noInput = try TelltaleBinary.run(["check"])
        #expect(noInput.status == 64)
        let badRequire = try TelltaleBinary.run(["check", "--logs", "-", "--require", "no_such_thing"], stdin: Data())
        #expect(badRequire.status == 64)
        #expect(badRequire.stderr.contains("unknown criterion 'no_such_thing'"))
        let badWindow = try TelltaleBinary.run(["check", "--logs", "-", "--window", "soon"], stdin: Data())
        #expect(badWindow.status == 64)

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("telltale-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("telltale.yaml")
        try "watch_users: [demo-user-001]\nrules:\n  - name: broken\n    signal: no-such-signal\n    contains: [x]\n".write(to: config, atomically: true, encoding: .utf8)
        let badConfig = try TelltaleBinary.run(["check", "--logs", "-", "--config", config.path], stdin: Data())
        #expect(badConfig.status == 64)
        #expect(badConfig.stderr.contains("\(config.path):4:"), "stderr: \(badConfig.stderr)")
    }

    @Test func configFileSuppliesUsersAndCriteria() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("telltale-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("telltale.yaml")
        try """
        watch_users: [demo-user-001]
        check:
          criteria:
            - duplication_in_window: {max: 0}
            - no_database_timeout_since_deploy: {}
        """.write(to: config, atomically: true, encoding: .utf8)
        let result = try TelltaleBinary.run(["check", "--logs", Self.fixture("deploy-pass.ndjson"), "--config", config.path, "--format", "json"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let report = try Self.json(result.stdout)
        let names = (report["checks"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        #expect(names == ["duplication_in_window", "no_database_timeout_since_deploy"])
    }

    @Test func reportFileIsPrivate() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("telltale-report-\(UUID().uuidString).md").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try TelltaleBinary.run(["check", "--logs", Self.fixture("deploy-pass.ndjson"), "--output", path])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("# Deploy validation: PASS"))
    }

    @Test func theSamplesFileGivesItsStory() throws {
        let result = try TelltaleBinary.run(["check", "--logs", Self.fixture("backend-logs.ndjson"), "--watch-user", "demo-user-001", "--format", "json"])
        let report = try Self.json(result.stdout)
        let lines = try #require(report["lines"] as? [String: Any])
        #expect(lines["total"] as? Int == 43)
        #expect(lines["unparsed"] as? Int == 0)
        let deploys = try #require(report["deploys"] as? [[String: Any]])
        #expect(deploys.map { $0["revision"] as? String } == ["netra-backend-staging-00643-k2d"])
        let db = try #require(report["db"] as? [String: Any])
        // The 8.0 s timeout line and the two lines that repeat it (plain text twice, middleware once).
        #expect(db["timeouts"] as? Int == 4)
        let duplication = try #require(report["duplication"] as? [String: Any])
        // Six "multiple manager instances" entries and two duplicate registrations.
        #expect(duplication["total"] as? Int == 8)
        #expect(duplication["users"] as? [String: Int] == [
            "demo-user-001": 2, "demo-user-002": 1, "demo-user-008": 1, "demo-user-026": 1, "demo-user-037": 1,
            "usr_2dc5fd3d": 1, "demo-user-031": 1, "usr_221c4e00": 1, "usr_404b6eaf": 1,
        ])
        let idManager = try #require(report["idManager"] as? [String: Any])
        #expect(idManager["collisions"] as? Int == 2)
        #expect(idManager["initializedCount"] as? Int == 2)
    }

    @Test func aCommandIsASource() throws {
        let result = try TelltaleBinary.run([
            "check", "--logs", "cmd:cat '\(Self.fixture("deploy-pass.ndjson"))'", "--watch-user", "demo-user-001", "--format", "json",
        ])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let report = try Self.json(result.stdout)
        #expect((report["lines"] as? [String: Any])?["total"] as? Int == 51)
        let sources = try #require(report["sources"] as? [[String: Any]])
        #expect(sources.first?["name"] as? String == "cmd:cat")
        #expect(sources.first?["state"] as? String == "ended")
    }

    @Test func aFollowedFileCountsOnlyWhatIsAppendedWhileWatching() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("telltale-follow-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let old = "2025-09-15 12:00:00,000 - svc - netra_backend.app.websocket_core - WARNING - SSOT VALIDATION: Multiple manager instances for user demo-user-001 - potential duplication\n"
        try old.write(toFile: path, atomically: true, encoding: .utf8)
        let writer = Thread {
            Thread.sleep(forTimeInterval: 1.5)
            guard let handle = FileHandle(forWritingAtPath: path) else { return }
            handle.seekToEndOfFile()
            for i in 0..<10 {
                handle.write(Data("2025-09-15 12:00:\(String(format: "%02d", i + 10)),000 - svc - app - INFO - line \(i)\n".utf8))
            }
            handle.closeFile()
        }
        writer.start()
        let result = try TelltaleBinary.run(["check", "--logs", path, "--for", "4s", "--format", "json", "--require", "duplication_in_window"])
        let report = try Self.json(result.stdout)
        #expect((report["lines"] as? [String: Any])?["total"] as? Int == 10)
        // The duplication written before the watch started is not part of it.
        #expect(result.status == 0)
    }

    /// A file of many megabytes is read in chunks that the helper thread
    /// applies while the next is read, and its last few lines make a chunk
    /// small enough to be applied on the reading thread. The evidence of a
    /// watched user is kept in arrival order, so the entries the report shows
    /// must be the file's last ones, in order. (Whether the small chunk finds
    /// the last bulk one still queued is a race this test cannot force: the
    /// helper usually holds the watch's lock by then, which orders them too.)
    @Test func chunksAppliedOnTheHelperThreadStayInOrder() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("telltale-order-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var text = ""
        var line = 0
        var duplications = 0
        func append(duplication: Bool) {
            let time = TimeText.iso8601(1_757_937_600 + Double(line) / 100)
            if duplication {
                duplications += 1
                text += #"{"timestamp": "\#(time)", "severity": "WARNING", "service": "svc", "logger": "app.ws", "message": "SSOT VALIDATION: Multiple manager instances for user demo-user-001 - potential duplication seq=\#(duplications)"}"# + "\n"
            } else {
                text += #"{"timestamp": "\#(time)", "severity": "INFO", "service": "svc", "logger": "app.api", "message": "GET /api/threads/session_\#(line)_2ef3fc17 200 in 12ms for user demo-user-\#(line % 97) | \#(String(repeating: "pad ", count: 20))"}"# + "\n"
            }
            line += 1
        }
        // Nine 1 MiB reads (the bulk path, applied on the helper thread)...
        let boundary = 9 << 20
        while text.utf8.count < boundary { append(duplication: line % 500 == 499) }
        // ...then a last read of a dozen lines, three of them duplications.
        for i in 0..<12 { append(duplication: i % 4 == 3) }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try TelltaleBinary.run(["check", "--logs", path, "--watch-user", "demo-user-001"], timeout: 120)
        #expect(result.status == 1, "stderr: \(result.stderr)")
        let shown = result.stdout.split(separator: "\n").compactMap { line -> Int? in
            guard let range = line.range(of: "seq=") else { return nil }
            return Int(line[range.upperBound...].prefix { $0.isNumber })
        }
        #expect(shown.count >= 3)
        #expect(shown == Array((duplications - shown.count + 1)...duplications), "evidence out of order: \(shown)")
        #expect(result.stdout.contains("| ★ demo-user-001 | \(duplications) |"))
    }
}
