import ArgumentParser
import Foundation
import Synchronization
import TelltaleCore
import TelltaleTerminal
import TelltaleUI

/// `telltale watch`: the live dashboard over the same inputs as `check`.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Watch logs and health live in a terminal dashboard.",
        discussion: """
        Keys: ? help, Tab focus, Enter zoom, Esc back, / filter the log, p pause, \
        d mark a deploy, r reset windows, s save the report, t theme, q quit.
        Needs a terminal; use telltale check in pipes and CI.
        """
    )

    @OptionGroup var input: InputOptions

    @OptionGroup var dashboard: DashboardOptions

    func validate() throws {
        if input.logs.isEmpty && input.health.isEmpty && input.config == nil {
            throw ValidationError("nothing to watch: give --logs SOURCE and/or --health URL")
        }
    }

    func run() async throws {
        signal(SIGPIPE, SIG_IGN)
        guard isatty(STDOUT_FILENO) == 1, isatty(STDIN_FILENO) == 1 else {
            FileHandle.standardError.write(Data("telltale watch needs a terminal; use telltale check for pipes\n".utf8))
            throw ExitCode(64)
        }
        if input.logs.contains("-") {
            FileHandle.standardError.write(Data("telltale: watch reads keys from standard input, so --logs - is not possible here; use telltale check, or a file or cmd: source\n".utf8))
            throw ExitCode(64)
        }
        let configuration = try RunConfiguration.resolveForCommand(input)
        if configuration.sources.isEmpty && configuration.healthEndpoints.isEmpty {
            FileHandle.standardError.write(Data("telltale: nothing to watch: give --logs SOURCE and/or --health URL\n".utf8))
            throw ExitCode(64)
        }
        let launcher = DashboardLauncher(configuration: configuration, options: dashboard, maxLineBytes: input.maxLineBytes,
                                         fromStart: input.fromStart, record: input.record)
        throw ExitCode(await launcher.run())
    }
}
