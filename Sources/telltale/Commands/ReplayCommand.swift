import ArgumentParser
import Foundation
import TelltaleCore
import TelltaleSources

/// `telltale replay FILE`: plays a recording made with `--record` through the
/// same pipeline, with its original timing scaled, and reports as `check` does.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Play a recording (made with --record) through the pipeline and print the validation report.",
        discussion: "Exit status as for check: 0 pass, 1 fail, 2 inconclusive, 64 usage, config or recording error."
    )

    @Argument(help: "The recording file.")
    var file: String

    @Option(help: "Playback speed: a factor of the original timing, or max (as fast as possible, the default).")
    var speed: String = "max"

    @Option(name: .customLong("config"), help: "Config file (rules, watched users, criteria).")
    var config: String?

    @Option(name: .customLong("watch-user"), help: ArgumentHelp("A watched user. Repeatable.", valueName: "user"))
    var watchUsers: [String] = []

    @Option(name: .customLong("window"), help: "The validation window (default 15m).")
    var window: String?

    @Option(name: .customLong("require"), help: ArgumentHelp("A criterion, NAME or NAME=N (as for check). Repeatable.", valueName: "criterion"))
    var requirements: [String] = []

    @Option(name: .customLong("format"), help: "Report format: markdown or json.")
    var format: ReportFormat = .markdown

    @Option(name: .customLong("output"), help: "Write the report to this file (mode 0600).")
    var output: String?

    @Flag(name: .customLong("no-redact"), help: "Show secrets in log lines and health bodies as the recording holds them (only a recording made with --no-redact holds any) instead of [REDACTED].")
    var noRedact = false

    @Flag(name: .customLong("dashboard"), help: "Play the recording into the live dashboard instead of printing a report.")
    var showsDashboard = false

    @Option(name: .customLong("report-on-exit"), help: ArgumentHelp(
        "With --dashboard: when the dashboard closes, write the JSON report of what it counted here (mode 0600).",
        valueName: "file"))
    var reportOnExit: String?

    @OptionGroup var dashboard: DashboardOptions

    func parsedSpeed() throws -> Double? {
        if speed == "max" { return nil }
        guard let factor = Double(speed), factor > 0, factor.isFinite else {
            throw ValidationError("--speed \(speed): give a positive factor (2, 0.5) or max")
        }
        return factor
    }

    func validate() throws {
        _ = try parsedSpeed()
        if reportOnExit != nil && !showsDashboard {
            throw ValidationError("--report-on-exit goes with --dashboard; without it the report is printed (or --output)")
        }
    }

    func run() async throws {
        signal(SIGPIPE, SIG_IGN)
        let player = RecordingReplay(path: file, speed: try parsedSpeed())
        let summary: RecordingSummary
        do {
            summary = try player.summary()
        } catch {
            FileHandle.standardError.write(Data("telltale: \(error.description)\n".utf8))
            throw ExitCode(64)
        }
        var arguments: [String] = []
        if let config { arguments += ["--config", config] }
        for user in watchUsers { arguments += ["--watch-user", user] }
        if let window { arguments += ["--window", window] }
        if noRedact {
            arguments.append("--no-redact")
            if summary.redacted {
                FileHandle.standardError.write(Data("telltale: \(file) was redacted when it was recorded; --no-redact cannot bring the secrets back\n".utf8))
            }
        }
        let options = try InputOptions.parse(arguments)
        let configuration = try RunConfiguration.resolveForCommand(options, requirements: requirements)
        if showsDashboard {
            guard isatty(STDOUT_FILENO) == 1, isatty(STDIN_FILENO) == 1 else {
                FileHandle.standardError.write(Data("telltale replay --dashboard needs a terminal\n".utf8))
                throw ExitCode(64)
            }
            var launcher = DashboardLauncher(configuration: configuration, options: dashboard, maxLineBytes: 1 << 20,
                                             fromStart: true, record: nil)
            launcher.replay = (player, summary)
            launcher.reportOnExit = reportOnExit
            throw ExitCode(await launcher.run())
        }
        var check = HeadlessCheck(configuration: configuration, duration: nil, fromStart: true, maxLineBytes: 1 << 20,
                                  format: format, output: output, replay: (player, summary), healthConfigured: summary.hasHealth)
        check.endsProcess = true
        throw ExitCode(await check.run())
    }
}
