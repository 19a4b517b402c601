import ArgumentParser
import Foundation
import TelltaleCore
import TelltaleDemo

/// `telltale demo`: a simulated staging backend inside the process, playing a
/// scripted deploy, watched by telltale itself, so anyone can see it work with
/// no setup.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the built-in demo backend (a scripted staging deploy) and watch it.",
        discussion: """
        The demo backend serves /health, /health/ready, /health/backend and a log stream \
        (/logs as NDJSON, /logs/sse as Server-Sent Events) on 127.0.0.1. Its story: the old \
        revision's database initialization times out (503), it recovers, duplication warnings \
        pile up for demo-user-001, a new revision deploys at 150 s of simulated time and the \
        warnings stop. --speed compresses simulated time, log timestamps included.
        """
    )

    @Option(help: "Seed of the scripted traffic (same seed, same lines).")
    var seed: UInt64 = 1

    @Option(help: "Simulated seconds per wall second (60 plays 15 minutes in 15 seconds); default 10 with the dashboard, 40 headless.")
    var speed: Double?

    @Option(help: "Port to bind on 127.0.0.1 (0 picks a free one).")
    var port: Int = 0

    @Flag(name: .customLong("serve-only"), help: "Only serve and print the URLs, until interrupted.")
    var serveOnly = false

    @Option(name: .customLong("fault"), help: ArgumentHelp(
        "Start with a fault switched on: MODE or MODE@PATH; modes: \(DemoFault.allCases.map(\.rawValue).joined(separator: ", ")). Repeatable.",
        valueName: "fault"))
    var faults: [String] = []

    @Flag(name: .customLong("headless"), help: "No dashboard: watch for --for, then print the validation report (the default when standard output is not a terminal).")
    var headless = false

    @Option(name: .customLong("for"), help: "Headless: how long to watch before the report (default 30s).")
    var duration: String = "30s"

    @OptionGroup var dashboard: DashboardOptions

    @Option(name: .customLong("format"), help: "Report format: markdown or json.")
    var format: ReportFormat = .markdown

    @Option(name: .customLong("record"), help: "Record every input to this file, for telltale replay.")
    var record: String?

    func validate() throws {
        if let speed, !(speed > 0 && speed.isFinite) { throw ValidationError("--speed must be a positive number") }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0...65535") }
        _ = try parsedFaults()
        guard DurationText.parse(duration).map({ $0 > 0 }) == true else {
            throw ValidationError("--for \(duration): not a duration (try 30s, 2m)")
        }
    }

    func parsedFaults() throws -> [DemoFaultRule] {
        try faults.map { text in
            let parts = text.split(separator: "@", maxSplits: 1).map(String.init)
            guard let mode = DemoFault(rawValue: parts[0]) else {
                throw ValidationError("--fault \(text): unknown mode (known: \(DemoFault.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return DemoFaultRule(mode: mode, endpoint: parts.count == 2 ? parts[1] : nil)
        }
    }

    func run() async throws {
        signal(SIGPIPE, SIG_IGN)
        let showsDashboard = !serveOnly && !headless && isatty(STDOUT_FILENO) == 1 && isatty(STDIN_FILENO) == 1
        let speed = self.speed ?? (showsDashboard ? 10 : 40)
        let backend = DemoBackend(seed: seed, speed: speed, port: port, faults: try parsedFaults())
        let bound: Int
        do {
            bound = try await backend.start()
        } catch {
            FileHandle.standardError.write(Data("telltale: cannot start the demo backend on 127.0.0.1:\(port): \(error)\n".utf8))
            throw ExitCode(2)
        }
        let base = "http://127.0.0.1:\(bound)"
        if serveOnly {
            StandardOutput.write("""
            telltale demo backend (seed \(seed), speed \(speed)×) listening on \(base)
              health:  \(base)/health  \(base)/health/ready  \(base)/health/backend
              logs:    \(base)/logs (NDJSON)  \(base)/logs/sse (Server-Sent Events)
              control: POST \(base)/control/fault?mode=MODE[&endpoint=PATH]  GET \(base)/control/state
            watch it:  telltale check --logs \(base)/logs --health \(base)/health --watch-user demo-user-001 --for 20s
            Ctrl-C stops it.

            """)
            let interrupted = InterruptFlag.install()
            while !interrupted.isSet {
                try? await Task.sleep(for: .milliseconds(250))
            }
            await backend.stop()
            return
        }

        let options = try InputOptions.parse([
            "--logs", "\(base)/logs", "--health", "\(base)/health", "--health", "\(base)/health/ready",
            "--watch-user", "demo-user-001",
        ])
        let configuration: RunConfiguration
        do {
            configuration = try RunConfiguration.resolve(options, requirements: [
                "duplication_in_window", "duplication_since_deploy", "health_healthy=3",
                "id_manager_initialized", "no_database_timeout_since_deploy",
            ], readsConfigFile: false)
        } catch {
            await backend.stop()
            FileHandle.standardError.write(Data("telltale: \(error.description)\n".utf8))
            throw ExitCode(64)
        }
        if showsDashboard {
            let launcher = DashboardLauncher(configuration: configuration, options: dashboard, maxLineBytes: 1 << 20,
                                             fromStart: true, record: record)
            let status = await launcher.run()
            await backend.stop()
            throw ExitCode(status)
        }
        FileHandle.standardError.write(Data("telltale: demo backend on \(base), watching it for \(duration)…\n".utf8))
        let check = HeadlessCheck(configuration: configuration, duration: DurationText.parse(duration), fromStart: true,
                                  maxLineBytes: 1 << 20, format: format, output: nil, record: record)
        let status = await check.run()
        await backend.stop()
        throw ExitCode(status)
    }
}
