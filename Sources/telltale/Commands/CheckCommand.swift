import ArgumentParser
import Foundation
import TelltaleCore

/// `telltale check`: watch for a while, headless, and print the deploy validation
/// report with an exit status a pipeline can act on.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Watch logs and health headless, then print the deploy validation report.",
        discussion: """
        Exit status: 0 pass, 1 fail, 2 inconclusive (no data, a source failed, health \
        never answered), 64 usage or config error.

        Without --for, every source is read to its end (as with --no-follow) and each \
        health endpoint is polled until the health criterion has its polls.
        """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .customLong("for"), help: "Watch live for this long (15m, 90s), following the sources.")
    var duration: String?

    @Flag(name: .customLong("no-follow"), help: "Read every source to its end, then report (the default without --for).")
    var noFollow = false

    @Option(name: .customLong("require"), help: ArgumentHelp(
        "A criterion, NAME or NAME=N, replacing the defaults and the config's (repeatable): \(CheckCriterion.names.joined(separator: ", ")).",
        valueName: "criterion"))
    var requirements: [String] = []

    @Option(name: .customLong("format"), help: "Report format: markdown or json.")
    var format: ReportFormat = .markdown

    @Option(name: .customLong("output"), help: "Write the report to this file (mode 0600) instead of standard output.")
    var output: String?

    func validate() throws {
        if input.logs.isEmpty && input.health.isEmpty && input.config == nil {
            throw ValidationError("nothing to watch: give --logs SOURCE and/or --health URL")
        }
        if duration != nil && noFollow {
            throw ValidationError("--for and --no-follow contradict each other: --for follows live, --no-follow reads to the end")
        }
    }

    func run() async throws {
        signal(SIGPIPE, SIG_IGN)
        let configuration = try RunConfiguration.resolveForCommand(input, requirements: requirements)
        if configuration.sources.isEmpty && configuration.healthEndpoints.isEmpty {
            FileHandle.standardError.write(Data("telltale: nothing to watch: give --logs SOURCE and/or --health URL\n".utf8))
            throw ExitCode(64)
        }
        var seconds: Double?
        if let duration {
            guard let parsed = DurationText.parse(duration), parsed > 0 else {
                FileHandle.standardError.write(Data("telltale: --for \(duration): not a duration (try 15m, 20s)\n".utf8))
                throw ExitCode(64)
            }
            seconds = parsed
        }
        var check = HeadlessCheck(configuration: configuration, duration: seconds, fromStart: input.fromStart,
                                  maxLineBytes: input.maxLineBytes, format: format, output: output, record: input.record)
        check.endsProcess = true
        throw ExitCode(await check.run())
    }
}
