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

    @Option(name: .customLong("theme"), help: ArgumentHelp(
        "A built-in theme (\(ThemeLoader.builtinNames.joined(separator: ", "))) or a theme file path.", valueName: "name|path"))
    var theme: String = "default"

    @Flag(name: .customLong("no-color"), help: "Monochrome: bold and reverse video only (also when NO_COLOR is set).")
    var noColor = false

    @Flag(name: .customLong("bell"), help: "Ring the terminal bell once each time an alert is raised.")
    var bell = false

    @Option(name: .customLong("log-file"), help: ArgumentHelp("Write diagnostics (terminal, theme, keys, errors) to this file.", valueName: "path"))
    var logFile: String?

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
        let configuration: RunConfiguration
        let themes: [Theme]
        let warnings: [String]
        do {
            configuration = try RunConfiguration.resolve(input)
            (themes, warnings) = try Self.themes(selected: theme)
        } catch let error as RunConfiguration.Problem {
            FileHandle.standardError.write(Data("telltale: \(error.description)\n".utf8))
            throw ExitCode(64)
        } catch {
            FileHandle.standardError.write(Data("telltale: theme \(error)\n".utf8))
            throw ExitCode(64)
        }
        if configuration.sources.isEmpty && configuration.healthEndpoints.isEmpty {
            FileHandle.standardError.write(Data("telltale: nothing to watch: give --logs SOURCE and/or --health URL\n".utf8))
            throw ExitCode(64)
        }
        let diagnostics: DiagnosticLog?
        if let logFile {
            guard let log = DiagnosticLog(path: logFile) else {
                FileHandle.standardError.write(Data("telltale: cannot write the log file \(logFile)\n".utf8))
                throw ExitCode(64)
            }
            diagnostics = log
        } else {
            diagnostics = nil
        }
        for warning in warnings { diagnostics?.write("theme: \(warning)") }

        let wake: WakePipe
        do {
            wake = try WakePipe()
        } catch {
            FileHandle.standardError.write(Data("telltale: \(error.description)\n".utf8))
            throw ExitCode(70)
        }
        let pipeline = IngestPipeline(watch: configuration.makeWatch(), maxLineBytes: input.maxLineBytes,
                                      onChange: { wake.notify() })
        let stop = Atomic<Bool>(false)
        let session = DashboardSession(
            configuration: configuration, pipeline: pipeline, wake: wake, themes: themes,
            noColor: noColor, bell: bell, diagnostics: diagnostics,
            startMessage: warnings.first.map { "theme: \($0)" })
        let runner = WatchRunner(configuration: configuration, pipeline: pipeline, follow: true, fromStart: input.fromStart)
        let inputs = Task {
            _ = await runner.run(duration: nil, minimumPolls: .max, interrupted: { stop.load(ordering: .relaxed) })
        }
        // One thread owns the screen for the whole session; the inputs run as tasks.
        let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<DashboardSession.Outcome, Never>) in
            let thread = Thread { continuation.resume(returning: session.run()) }
            thread.name = "telltale-ui"
            thread.start()
        }
        stop.store(true, ordering: .relaxed)
        wake.notify()
        await inputs.value
        diagnostics?.write("session ended: \(outcome)")
        switch outcome {
        case .quit, .terminated:
            return
        case .failed(let reason):
            FileHandle.standardError.write(Data("telltale: \(reason)\n".utf8))
            throw ExitCode(70)
        }
    }

    /// The selected theme first, then the other built-ins, for `t` to cycle.
    static func themes(selected: String) throws -> ([Theme], [String]) {
        let chosen = try ThemeLoader.resolve(selected)
        var themes = [chosen.theme]
        for name in ThemeLoader.builtinNames where name != chosen.theme.name && name != selected {
            if let loaded = try? ThemeLoader.builtin(name) { themes.append(loaded.theme) }
        }
        return (themes, chosen.warnings)
    }
}
