import Foundation
import Testing

/// `--record` then `telltale replay`: the same inputs through the same pipeline
/// give the same report; secrets given as headers never reach the recording.
@Suite("record and replay, end to end")
struct RecordReplayTests {
    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("telltale-\(UUID().uuidString)-\(name)").path
    }

    @Test func aReplayGivesTheSameReport() throws {
        let recording = Self.temporaryPath("rec.ndjson")
        defer { try? FileManager.default.removeItem(atPath: recording) }
        let fixture = CheckCommandTests.fixture("deploy-fail.ndjson")
        let live = try TelltaleBinary.run(["check", "--logs", fixture, "--watch-user", "demo-user-001", "--format", "json", "--record", recording])
        #expect(live.status == 1)
        let attributes = try FileManager.default.attributesOfItem(atPath: recording)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let replay = try TelltaleBinary.run(["replay", recording, "--watch-user", "demo-user-001", "--format", "json"])
        #expect(replay.status == 1)
        let a = try CheckCommandTests.json(live.stdout), b = try CheckCommandTests.json(replay.stdout)
        for key in ["verdict", "lines", "duplication", "websocket", "idManager", "db", "deploys", "checks"] {
            #expect(NSDictionary(dictionary: a).value(forKey: key) as? NSObject == NSDictionary(dictionary: b).value(forKey: key) as? NSObject, "\(key) differs")
        }
    }

    @Test func aBrokenRecordingExits64() throws {
        let path = Self.temporaryPath("broken.ndjson")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "garbage\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try TelltaleBinary.run(["replay", path])
        #expect(result.status == 64)
        #expect(result.stderr.contains("\(path):1:"))
        let missing = try TelltaleBinary.run(["replay", "/nonexistent/recording.ndjson"])
        #expect(missing.status == 64)
    }

    @Test func aHeaderSecretNeverReachesTheRecordingOrTheReport() throws {
        let (demo, base) = try DemoCommandTests.startDemo(speed: 60)
        defer { demo.terminate(); demo.waitUntilExit() }
        let recording = Self.temporaryPath("secret.ndjson")
        defer { try? FileManager.default.removeItem(atPath: recording) }
        let secret = "s3cr3t-\(UUID().uuidString)"
        let result = try TelltaleBinary.run([
            "check", "--health", "\(base)/health", "--logs", "\(base)/logs", "--header", "Authorization: Bearer ${TELLTALE_TEST_TOKEN}",
            "--for", "3s", "--record", recording,
        ], environment: ["TELLTALE_TEST_TOKEN": secret])
        #expect(!result.stdout.contains(secret))
        #expect(!result.stderr.contains(secret))
        let recorded = try String(contentsOfFile: recording, encoding: .utf8)
        #expect(recorded.contains("\"type\":\"health\""))
        #expect(!recorded.contains(secret))
    }
}
