import Foundation
import Testing

/// The fault matrix for `telltale check`: the built binary against real files,
/// pipes, child processes, signals and the demo backend's misbehaving stream.
/// Each case states what a user sees: no crash, no hang, exact counts, no
/// secret and no raw escape sequence in the report.
@Suite("telltale check under faults")
struct FaultCheckTests {
    static let errorLine = #"{"severity":"ERROR","message":"SSOT VIOLATION: Multiple manager instances for user demo-user-001","timestamp":"2025-09-15T12:00:01Z"}"#

    static func json(_ text: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any], "not a JSON object: \(text.prefix(300))")
    }

    static func lineCounts(_ report: [String: Any]) throws -> [String: Int] {
        try #require(report["lines"] as? [String: Int])
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("telltale-fault-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    // MARK: - Secrets

    @Test func aPlantedSecretNeverReachesTheReport() throws {
        let secret = "hunter2-PLANTED-9f8e7d"
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJQTEFOVEVEIn0.c2lnUExBTlRFRA"
        let log = [
            #"{"severity":"ERROR","message":"SSOT VIOLATION: Multiple manager instances for user demo-user-001 password=\#(secret)","timestamp":"2025-09-15T12:00:01Z"}"#,
            #"{"severity":"ERROR","message":"SSOT VIOLATION: Multiple manager instances for user demo-user-002 Authorization: Bearer \#(jwt)","timestamp":"2025-09-15T12:00:02Z"}"#,
            "2025-09-15 12:00:03,000 - svc - netra_backend.app.websocket_core - ERROR - SSOT VIOLATION: Multiple manager instances for user demo-user-003 token=\(secret)",
        ].joined(separator: "\n") + "\n"
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("secret.log")
        try log.write(to: file, atomically: true, encoding: .utf8)
        for format in ["markdown", "json"] {
            let result = try TelltaleBinary.run(["check", "--logs", file.path, "--format", format])
            #expect(result.stdout.contains("demo-user-003"), "the evidence is in the \(format) report")
            #expect(result.stdout.contains("[REDACTED]"))
            for planted in [secret, jwt, "PLANTED"] {
                #expect(!result.stdout.contains(planted), "\(format) report leaks \(planted)")
                #expect(!result.stderr.contains(planted))
            }
        }
        // The test can fail: without redaction the secret is there.
        let raw = try TelltaleBinary.run(["check", "--logs", file.path, "--no-redact"])
        #expect(raw.stdout.contains(secret))
    }

    // MARK: - Signals and pipes

    @Test func aClosedStdoutPipeEndsQuietly() throws {
        let process = Process()
        process.executableURL = TelltaleBinary.executable
        process.arguments = ["check", "--logs", TelltaleBinary.fixtures.appendingPathComponent("backend-logs.ndjson").path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try out.fileHandleForReading.close()
        try process.run()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit, "killed by signal \(process.terminationStatus)")
        #expect([0, 1, 2].contains(process.terminationStatus))
        let text = String(decoding: stderr, as: UTF8.self)
        #expect(!text.contains("Fatal error") && !text.contains("Crash"), "\(text)")
    }

    @Test(arguments: [SIGTERM, SIGINT, SIGHUP])
    func aSignalDuringAWatchStillPrintsTheReport(signal: Int32) throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("live.log")
        try (Self.errorLine + "\n").write(to: file, atomically: true, encoding: .utf8)
        let run = try RunningBinary(["check", "--logs", file.path, "--from-start", "--for", "60s", "--format", "json"])
        Thread.sleep(forTimeInterval: 2)
        let started = Date()
        kill(run.process.processIdentifier, signal)
        let result = run.wait(timeout: 15)
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(result.reason == .exit)
        let report = try Self.json(result.stdout)
        #expect(try Self.lineCounts(report)["total"] == 1)
    }

    @Test func standardInputClosedAtOnceIsInconclusive() throws {
        let result = try TelltaleBinary.run(["check", "--logs", "-", "--format", "json"], stdin: Data(), timeout: 20)
        #expect(result.status == 2)
        #expect(try Self.lineCounts(Self.json(result.stdout))["total"] == 0)
    }

    @Test func aCommandThatNeverPrintsEndsOnTime() throws {
        let started = Date()
        // An odd duration names this test's child among the machine's processes.
        let result = try TelltaleBinary.run(["check", "--logs", "cmd:sleep 100.731", "--for", "2s", "--format", "json"], timeout: 30)
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed < 10, "took \(elapsed) s")
        let pgrep = Process()
        pgrep.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        pgrep.arguments = ["pgrep", "-f", "sleep 100.731"]
        pgrep.standardOutput = FileHandle.nullDevice
        try pgrep.run()
        pgrep.waitUntilExit()
        #expect(pgrep.terminationStatus == 1, "the silent child outlived the check")
        #expect(result.status == 2, "no data is inconclusive")
        #expect(try Self.lineCounts(Self.json(result.stdout))["total"] == 0)
    }

    // MARK: - Hostile bytes

    @Test func aTenMebibyteLineIsCountedOnce() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("huge.log")
        var data = Data((Self.errorLine + "\n").utf8)
        data.append(Data("2025-09-15 12:00:02,000 - svc - app - INFO - ".utf8))
        data.append(Data(repeating: UInt8(ascii: "x"), count: 10 << 20))
        data.append(Data(("\n" + Self.errorLine + "\n").utf8))
        try data.write(to: file)
        let result = try TelltaleBinary.run(["check", "--logs", file.path, "--format", "json"])
        let lines = try Self.lineCounts(Self.json(result.stdout))
        #expect(lines["total"] == 3)
        #expect(lines["truncated"] == 1)
        #expect(result.stdout.utf8.count < 2 << 20, "the report quotes the cut line, not 10 MiB")
    }

    @Test func aPrettyPrintedObjectMissingItsEndIsKeptLineByLine() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("cut.json")
        try (Self.errorLine + "\n{\n  \"severity\": \"ERROR\",\n  \"message\": \"cut off\"\n").write(to: file, atomically: true, encoding: .utf8)
        let result = try TelltaleBinary.run(["check", "--logs", file.path, "--format", "json"])
        let lines = try Self.lineCounts(Self.json(result.stdout))
        #expect(lines["parsed"] == 1)
        #expect(lines["unparsed"] == 3)
    }

    @Test func tenThousandLevelsOfNestingDoNotCrash() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("deep.json")
        let depth = 10_000
        let arrays = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let objects = #"{"severity":"ERROR","message":"deep","x":"# + String(repeating: #"{"a":"#, count: depth)
            + "1" + String(repeating: "}", count: depth) + "}"
        try ([Self.errorLine, arrays, objects, Self.errorLine].joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let result = try TelltaleBinary.run(["check", "--logs", file.path, "--format", "json"])
        #expect(result.status == 1, "stderr: \(result.stderr.suffix(500))")
        #expect(try Self.lineCounts(Self.json(result.stdout))["total"] == 4)
    }

    @Test func controlBytesInMessagesAreShownEscaped() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("escape.log")
        var data = Data(#"{"severity":"ERROR","message":"SSOT VIOLATION: Multiple manager instances for user demo-user-001 \u001b]0;pwned\u0007 nul:\u0000 end","timestamp":"2025-09-15T12:00:01Z"}"#.utf8)
        data.append(Data("\n2025-09-15 12:00:02,000 - svc - netra_backend.app.websocket_core - ERROR - SSOT VIOLATION: Multiple manager instances for user demo-user-002 ".utf8))
        data.append(contentsOf: [0x1B, 0x5B, 0x32, 0x4A, 0x00, 0x1B, 0x5D, 0x32, 0x3B, 0x78, 0x07])
        data.append(Data(" end\n".utf8))
        try data.write(to: file)
        for format in ["markdown", "json"] {
            let result = try TelltaleBinary.run(["check", "--logs", file.path, "--format", format])
            #expect(result.stdout.contains("demo-user-002"))
            if format == "markdown" {
                // The evidence quotes the lines themselves.
                #expect(result.stdout.contains("␛]0;pwned␇ nul:␀ end"))
                #expect(result.stdout.contains("␛[2J␀␛]2;x␇ end"))
            } else {
                // JSON carries the templates, digits masked.
                #expect(result.stdout.contains("␛]<n>;pwned␇ nul:␀ end"))
            }
            #expect(!result.stdout.utf8.contains(0x1B) && !result.stdout.utf8.contains(0x00) && !result.stdout.utf8.contains(0x07))
        }
    }

    // MARK: - Sources that change under us

    @Test func aFileReplacedByADirectoryIsReportedNotFatal() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("app.log")
        try (Self.errorLine + "\n").write(to: file, atomically: true, encoding: .utf8)
        let run = try RunningBinary(["check", "--logs", file.path, "--from-start", "--for", "5s", "--format", "json"])
        Thread.sleep(forTimeInterval: 1.5)
        try FileManager.default.removeItem(at: file)
        try FileManager.default.createDirectory(at: file, withIntermediateDirectories: false)
        let result = run.wait(timeout: 30)
        #expect(result.reason == .exit)
        let report = try Self.json(result.stdout)
        #expect(try Self.lineCounts(report)["total"] == 1)
        let sources = try #require(report["sources"] as? [[String: Any]])
        let described = String(describing: sources)
        #expect(described.localizedCaseInsensitiveContains("director"), "\(described)")
    }

    @Test func aFloodingHTTPStreamIsCountedExactly() throws {
        let server = try RunningBinary(["demo", "--serve-only", "--fault", "flood", "--speed", "50"])
        defer { server.stop() }
        let base = try #require(server.firstLine(matching: "listening on ", timeout: 20)?.components(separatedBy: "listening on ").last)
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let recording = directory.appendingPathComponent("flood.ndjson")
        let result = try TelltaleBinary.run(["check", "--logs", "\(base)/logs", "--for", "3s", "--format", "json", "--record", recording.path], timeout: 40)
        let total = try #require(Self.lineCounts(Self.json(result.stdout))["total"])
        // Every line the stream delivered, from the raw bytes as recorded.
        var received = ""
        for line in try String(contentsOf: recording, encoding: .utf8).split(separator: "\n") {
            let entry = try Self.json(String(line))
            if entry["type"] as? String == "data", let text = entry["text"] as? String { received += text }
        }
        let complete = received.split(separator: "\n", omittingEmptySubsequences: true).count - (received.hasSuffix("\n") ? 0 : 1)
        #expect(complete > 10_000, "a flood delivers many lines in 3 s")
        #expect(total == complete || (!received.hasSuffix("\n") && total == complete + 1), "report \(total), stream \(complete)")
        // The scripted lines the backend served are a part of what was counted.
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        curl.arguments = ["curl", "-s", "\(base)/control/state"]
        let pipe = Pipe()
        curl.standardOutput = pipe
        try curl.run()
        let state = try Self.json(String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
        curl.waitUntilExit()
        let scripted = try #require(state["lineCount"] as? Int)
        #expect(scripted > 0 && scripted < total)
    }
}

/// A `telltale` process left running so a test can signal it or read it live.
final class RunningBinary: @unchecked Sendable {
    let process = Process()
    private let out = Pipe(), err = Pipe()
    private let stdoutBox = DataBox(), stderrBox = DataBox()
    private let group = DispatchGroup()
    private let lock = NSLock()
    private var partial = Data()

    struct Result {
        var reason: Process.TerminationReason
        var status: Int32
        var stdout: String
        var stderr: String
    }

    init(_ arguments: [String]) throws {
        process.executableURL = TelltaleBinary.executable
        process.arguments = arguments
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        group.enter()
        DispatchQueue.global().async { [self] in
            stderrBox.set(err.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async { [self] in
            let handle = out.fileHandleForReading
            var all = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                all.append(chunk)
                lock.lock(); partial = all; lock.unlock()
            }
            stdoutBox.set(all)
            group.leave()
        }
    }

    /// The first stdout line containing `text`, waiting up to `timeout` seconds.
    func firstLine(matching text: String, timeout: Double) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            lock.lock(); let seen = String(decoding: partial, as: UTF8.self); lock.unlock()
            if let line = seen.split(separator: "\n").first(where: { $0.contains(text) }) { return String(line) }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return nil
    }

    /// Waits for the exit (killing the process after `timeout` seconds).
    func wait(timeout: Double) -> Result {
        if group.wait(timeout: .now() + timeout) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            group.wait()
        }
        process.waitUntilExit()
        return Result(reason: process.terminationReason, status: process.terminationStatus,
                      stdout: String(decoding: stdoutBox.get(), as: UTF8.self),
                      stderr: String(decoding: stderrBox.get(), as: UTF8.self))
    }

    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        _ = wait(timeout: 10)
    }
}
