import Foundation
import Testing

/// A planted secret reaches no output: not the Markdown or JSON report, not
/// stderr, not the recording, not the dashboard's screen or its `--log-file`.
/// Secrets are planted in log lines, in a health body, and in `--header`
/// values given as `${VAR}` and `@file`. With `--no-redact` the log and health
/// secrets are shown (the documented behaviour, and proof that each check can
/// fail); header secrets never are, and the server sees them arrive, so they
/// really were sent.
@Suite("secrets never leak", .serialized)
struct SecretLeakTests {
    /// One run's planted secrets and the files that carry them.
    struct Plant {
        let tag = String(UUID().uuidString.prefix(8))
        var logPassword: String { "hunter2-LOG-\(tag)" }
        var logToken: String { "TokLOG\(tag)" }
        var logJWT: String { "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJMT0cifQ.c2ln\(tag)" }
        var healthPassword: String { "hunter2-HEALTH-\(tag)" }
        var healthBearer: String { "BeaRerHEALTH\(tag)" }
        var headerFromEnvironment: String { "EnvHEADER-\(tag)" }
        var headerFromFile: String { "FileHEADER-\(tag)" }
        let directory: URL

        /// Shown only with `--no-redact`.
        var redactable: [String] { [logPassword, logToken, logJWT, healthPassword, healthBearer] }
        /// Shown never.
        var headers: [String] { [headerFromEnvironment, headerFromFile] }
        var all: [String] { redactable + headers }

        var logFile: String { directory.appendingPathComponent("app.log").path }
        var keyFile: String { directory.appendingPathComponent("api-key").path }
        var environment: [String: String] { ["TELLTALE_LEAK_TEST_TOKEN": headerFromEnvironment] }
        /// As a user types them: the values are references, not secrets.
        var headerArguments: [String] {
            ["--header", "Authorization: Bearer ${TELLTALE_LEAK_TEST_TOKEN}", "--header", "X-Api-Key: @\(keyFile)"]
        }

        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

        var healthBody: String {
            #"{"status":"unhealthy","message":"password=\#(healthPassword) refused; upstream sent Authorization: Bearer \#(healthBearer)"}"#
        }

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("telltale-leak-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let lines = [
                #"{"severity":"ERROR","message":"SSOT VIOLATION: Multiple manager instances for user demo-user-001 password=\#(logPassword)","timestamp":"2025-09-15T12:00:01Z"}"#,
                #"{"severity":"ERROR","message":"SSOT VIOLATION: Multiple manager instances for user demo-user-002 token=\#(logToken)","timestamp":"2025-09-15T12:00:02Z"}"#,
                "2025-09-15 12:00:03,000 - svc - netra_backend.app.websocket_core - ERROR - SSOT VIOLATION: Multiple manager instances for user demo-user-003 Authorization: Bearer \(logJWT)",
            ]
            try (lines.joined(separator: "\n") + "\n").write(toFile: logFile, atomically: true, encoding: .utf8)
            try (headerFromFile + "\n").write(toFile: keyFile, atomically: true, encoding: .utf8)
        }

        func remove() { try? FileManager.default.removeItem(at: directory) }

        func read(_ path: String) -> String {
            (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        }
    }

    static func expectAbsent(_ secrets: [String], in text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in secrets {
            #expect(!text.contains(secret), "\(what) holds \(secret)", sourceLocation: sourceLocation)
        }
    }

    static func expectPresent(_ secrets: [String], in text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in secrets {
            #expect(text.contains(secret), "\(what) lacks \(secret)", sourceLocation: sourceLocation)
        }
    }

    // MARK: - check and replay

    @Test func checkReportsStderrAndRecordingHoldNoSecret() throws {
        let plant = try Plant()
        defer { plant.remove() }
        let server = try CannedHealthServer(status: 503, body: plant.healthBody)
        defer { server.stop() }
        let recording = plant.path("rec.ndjson"), jsonReport = plant.path("report.json")
        let common = ["check", "--logs", plant.logFile, "--from-start", "--health", server.url] + plant.headerArguments + ["--for", "2s"]

        let markdown = try TelltaleBinary.run(common + ["--record", recording], environment: plant.environment)
        let json = try TelltaleBinary.run(common + ["--format", "json", "--output", jsonReport], environment: plant.environment)
        let report = plant.read(jsonReport), recorded = plant.read(recording)

        #expect(markdown.stdout.contains("demo-user-003"), "the log evidence is in the report")
        #expect(markdown.stdout.contains("503: password=[REDACTED] refused"), "the health reason is in the report, redacted")
        #expect(markdown.stdout.contains("demo-user-001 password=[REDACTED]"), "the log evidence is in the report, redacted")
        #expect(report.contains("503: password=[REDACTED] refused"))
        #expect(recorded.contains("\"type\":\"health\"") && recorded.contains("password=[REDACTED] refused"))
        #expect(recorded.contains("\"redacted\":true"))
        #expect(recorded.contains("demo-user-003"), "the log lines are recorded")
        Self.expectPresent(plant.headers, in: server.received, "the requests")
        for (text, what) in [(markdown.stdout, "Markdown report"), (markdown.stderr, "stderr"), (json.stdout, "stdout of --output"),
                             (json.stderr, "stderr"), (report, "JSON report"), (recorded, "recording")] {
            Self.expectAbsent(plant.all, in: text, what)
        }

        // The recording replays to the same redacted report; --no-redact cannot undo it.
        let replay = try TelltaleBinary.run(["replay", recording])
        #expect(replay.stdout.contains("503: password=[REDACTED] refused"))
        #expect(replay.stdout.contains("demo-user-003 Authorization: [REDACTED]"))
        Self.expectAbsent(plant.all, in: replay.stdout + replay.stderr, "replay")
        let rawReplay = try TelltaleBinary.run(["replay", recording, "--no-redact"])
        Self.expectAbsent(plant.all, in: rawReplay.stdout, "replay --no-redact of a redacted recording")
        #expect(rawReplay.stderr.contains("was redacted when it was recorded"))
    }

    @Test func noRedactShowsLogAndHealthSecretsButNeverHeaders() throws {
        let plant = try Plant()
        defer { plant.remove() }
        let server = try CannedHealthServer(status: 503, body: plant.healthBody)
        defer { server.stop() }
        let recording = plant.path("raw.ndjson")
        let result = try TelltaleBinary.run(
            ["check", "--logs", plant.logFile, "--from-start", "--health", server.url] + plant.headerArguments
                + ["--for", "2s", "--no-redact", "--record", recording],
            environment: plant.environment)
        let report = result.stdout, recorded = plant.read(recording)
        Self.expectPresent(plant.headers, in: server.received, "the requests")
        Self.expectPresent(plant.redactable, in: report, "Markdown report with --no-redact")
        Self.expectPresent(plant.redactable, in: recorded, "recording with --no-redact")
        #expect(recorded.contains("\"redacted\":false"))
        Self.expectAbsent(plant.headers, in: report + result.stdout + result.stderr + recorded, "--no-redact outputs")

        // A raw recording is redacted again on replay unless --no-redact is given again.
        let replay = try TelltaleBinary.run(["replay", recording])
        Self.expectAbsent(plant.all, in: replay.stdout + replay.stderr, "replay of a raw recording")
        let rawReplay = try TelltaleBinary.run(["replay", recording, "--no-redact"])
        Self.expectPresent([plant.logPassword, plant.healthPassword], in: rawReplay.stdout, "replay --no-redact")
        #expect(!rawReplay.stderr.contains("was redacted when it was recorded"))
    }

    // MARK: - The dashboard

    /// The dashboard in a tmux pane, with a diagnostics log and a recording.
    static func dashboard(_ plant: Plant, server: CannedHealthServer, extra: String = "") throws -> TmuxSession {
        let binary = TelltaleBinary.executable.path
        // Single quotes: the shell must not expand ${…}; telltale does.
        let headers = "--header 'Authorization: Bearer ${TELLTALE_LEAK_TEST_TOKEN}' --header 'X-Api-Key: @\(plant.keyFile)'"
        let command = "cd \(NSTemporaryDirectory()) && env LANG=C.UTF-8 TERM=screen-256color TELLTALE_LEAK_TEST_TOKEN=\(plant.headerFromEnvironment) '\(binary)' watch --logs '\(plant.logFile)' --from-start --health '\(server.url)' \(headers) --log-file '\(plant.path("diag.log"))' --record '\(plant.path("dash.ndjson"))' \(extra) 2>'\(plant.path("stderr.txt"))'; echo EXITED $?; sleep 60"
        return try TmuxSession(width: 160, height: 50, command: command)
    }

    @Test(.enabled(if: TmuxSession.available))
    func dashboardScreenDiagnosticsAndRecordingHoldNoSecret() throws {
        let plant = try Plant()
        defer { plant.remove() }
        let server = try CannedHealthServer(status: 503, body: plant.healthBody)
        defer { server.stop() }
        let tmux = try Self.dashboard(plant, server: server)
        defer { tmux.kill() }
        let screen = tmux.waitFor { $0.contains("demo-user-003 Authorization: [REDACTED]") && $0.contains("503: password=[REDACTED] refused") }
        #expect(screen.contains("503: password=[REDACTED] refused"), "the health reason is on screen, redacted:\n\(screen)")
        #expect(screen.contains("demo-user-001 password=[REDACTED]"), "the log line is on screen, redacted")
        Self.expectAbsent(plant.all, in: screen, "the screen")
        try tmux.send("q")
        let after = tmux.waitFor { $0.contains("EXITED") }
        #expect(after.contains("EXITED 0"))
        Self.expectAbsent(plant.all, in: after, "the terminal after quitting")
        Self.expectPresent(plant.headers, in: server.received, "the requests")
        let diagnostics = plant.read(plant.path("diag.log"))
        #expect(!diagnostics.isEmpty)
        Self.expectAbsent(plant.all, in: diagnostics, "--log-file")
        Self.expectAbsent(plant.all, in: plant.read(plant.path("stderr.txt")), "stderr")
        let recorded = plant.read(plant.path("dash.ndjson"))
        #expect(recorded.contains("password=[REDACTED] refused"), "the health result is recorded, redacted")
        #expect(recorded.contains("demo-user-001 password=[REDACTED]"), "the log line is recorded, redacted")
        Self.expectAbsent(plant.all, in: recorded, "the dashboard's recording")
    }

    @Test(.enabled(if: TmuxSession.available))
    func dashboardWithNoRedactShowsTheLogSecretButNoHeader() throws {
        let plant = try Plant()
        defer { plant.remove() }
        let server = try CannedHealthServer(status: 503, body: plant.healthBody)
        defer { server.stop() }
        let tmux = try Self.dashboard(plant, server: server, extra: "--no-redact")
        defer { tmux.kill() }
        let screen = tmux.waitFor { $0.contains(plant.healthPassword) && $0.contains("demo-user-003") }
        Self.expectPresent([plant.healthPassword], in: screen, "the screen with --no-redact")
        Self.expectAbsent(plant.headers, in: screen, "the screen with --no-redact")
        try tmux.send("q")
        #expect(tmux.waitFor { $0.contains("EXITED") }.contains("EXITED 0"))
        Self.expectPresent(plant.headers, in: server.received, "the requests")
        Self.expectAbsent(plant.headers, in: plant.read(plant.path("diag.log")) + plant.read(plant.path("dash.ndjson")), "--no-redact files")
    }
}
