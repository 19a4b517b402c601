import Foundation
import Testing

/// `telltale check` against a live `telltale demo --serve-only`, both real
/// processes on loopback: the scripted deploy must give the expected verdict.
@Suite("telltale demo, end to end", .serialized)
struct DemoCommandTests {
    /// Starts `telltale demo --serve-only` and returns the process and its base URL.
    static func startDemo(speed: Int, extra: [String] = []) throws -> (Process, String) {
        let process = Process()
        process.executableURL = TelltaleBinary.executable
        process.arguments = ["demo", "--serve-only", "--speed", String(speed), "--seed", "7"] + extra
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first line names the URL: "... listening on http://127.0.0.1:PORT".
        var buffer = Data()
        let handle = out.fileHandleForReading
        while !buffer.contains(UInt8(ascii: "\n")) {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
        }
        let firstLine = String(decoding: buffer, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
        guard let range = firstLine.range(of: "http://127.0.0.1:") else {
            process.terminate()
            throw DemoStartFailure(output: firstLine)
        }
        return (process, String(firstLine[range.lowerBound...]).trimmingCharacters(in: .whitespaces))
    }

    struct DemoStartFailure: Error { var output: String }

    @Test func checkAgainstTheServedDemoPassesAfterTheDeploy() throws {
        let (demo, base) = try Self.startDemo(speed: 60)
        defer { demo.terminate(); demo.waitUntilExit() }
        let result = try TelltaleBinary.run([
            "check", "--logs", "\(base)/logs", "--health", "\(base)/health", "--health", "\(base)/health/ready",
            "--watch-user", "demo-user-001", "--for", "20s", "--format", "json",
            "--require", "duplication_in_window", "--require", "duplication_since_deploy",
            "--require", "health_healthy=3", "--require", "id_manager_initialized",
        ], timeout: 60)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(result.status == 0, "report: \(result.stdout)")
        #expect(report["verdict"] as? String == "pass")
        let deploys = try #require(report["deploys"] as? [[String: Any]])
        #expect(deploys.map { $0["revision"] as? String } == ["netra-backend-staging-00643-k2d"])
        let db = try #require(report["db"] as? [String: Any])
        #expect((db["timeouts"] as? Int ?? 0) > 0, "the old revision's startup timeouts are seen")
        #expect(db["timeoutsSinceDeploy"] as? Int == 0)
        let duplication = try #require(report["duplication"] as? [String: Any])
        let users = try #require(duplication["users"] as? [String: Int])
        #expect((users["demo-user-001"] ?? 0) > 0, "demo-user-001 had duplications before the deploy")
        let after = try #require(duplication["usersAfterDeploy"] as? [String: Int])
        #expect(after["demo-user-001"] == 0)
        let health = try #require(report["health"] as? [[String: Any]])
        #expect(health.allSatisfy { $0["state"] as? String == "healthy" })
    }

    @Test func aHangingHealthEndpointIsReportedAsATimeout() throws {
        let (demo, base) = try Self.startDemo(speed: 60, extra: ["--fault", "hang@/health"])
        defer { demo.terminate(); demo.waitUntilExit() }
        let result = try TelltaleBinary.run([
            "check", "--health", "\(base)/health", "--timeout", "1s", "--interval", "1s",
            "--require", "health_healthy=2", "--format", "json",
        ], timeout: 60)
        #expect(result.status == 2, "never answered is inconclusive: \(result.stdout)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let health = try #require((report["health"] as? [[String: Any]])?.first)
        #expect(health["lastFailure"] as? String == "timeout after 1s")
    }
}
