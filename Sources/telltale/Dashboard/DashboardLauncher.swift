import Foundation
import Synchronization
import TelltaleCore
import TelltaleSources
import TelltaleTerminal
import TelltaleUI

/// Opens the dashboard over a resolved configuration: the inputs run as tasks
/// into an `IngestPipeline`, and one dedicated thread owns the screen until the
/// user quits. Shared by `watch`, `demo` and `replay --dashboard`.
struct DashboardLauncher {
    var configuration: RunConfiguration
    var options: DashboardOptions
    var maxLineBytes: Int
    var fromStart: Bool
    var record: String?
    /// A recording to play instead of the configured inputs.
    var replay: (player: RecordingReplay, summary: RecordingSummary)? = nil
    /// Write the JSON report of the final state here when the dashboard closes
    /// (`replay --report-on-exit`): what a run with the dashboard drawing counted.
    var reportOnExit: String? = nil

    /// Runs the session; returns the process exit status (0 after `q`).
    func run() async -> Int32 {
        let themes: [Theme]
        let warnings: [String]
        do {
            (themes, warnings) = try Self.themes(selected: options.theme)
        } catch {
            FileHandle.standardError.write(Data("telltale: theme \(error)\n".utf8))
            return 64
        }
        var diagnostics: DiagnosticLog?
        if let logFile = options.logFile {
            guard let log = DiagnosticLog(path: logFile) else {
                FileHandle.standardError.write(Data("telltale: cannot write the log file \(logFile)\n".utf8))
                return 64
            }
            diagnostics = log
        }
        for warning in warnings { diagnostics?.write("theme: \(warning)") }
        guard let recorder = RecordingWriter.forRecordOption(record) else { return 64 }
        defer { recorder?.close() }

        let wake: WakePipe
        do {
            wake = try WakePipe()
        } catch {
            FileHandle.standardError.write(Data("telltale: \(error.description)\n".utf8))
            return 70
        }
        let pipeline = IngestPipeline(watch: configuration.makeWatch(), maxLineBytes: maxLineBytes,
                                      redactor: configuration.redactor, recorder: recorder,
                                      onChange: { wake.notify() }, healthWakes: false)
        let stop = Atomic<Bool>(false)
        let session = DashboardSession(
            configuration: configuration, pipeline: pipeline, wake: wake, themes: themes,
            noColor: options.noColor, bell: options.bell, diagnostics: diagnostics,
            startMessage: warnings.first.map { "theme: \($0)" })
        var runner = WatchRunner(configuration: configuration, pipeline: pipeline, follow: true, fromStart: fromStart)
        runner.replay = replay
        // The session moves "now" on each frame and the run ends by cancelling.
        runner.supervisorInterval = nil
        let inputs = Task { [runner] in
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
        // Ends the sources and the health poller at once.
        inputs.cancel()
        await inputs.value
        diagnostics?.write("session ended: \(outcome)")
        if let reportOnExit, !writeReport(pipeline.snapshot().watch, to: reportOnExit) { return 70 }
        switch outcome {
        case .quit, .terminated:
            return 0
        case .failed(let reason):
            FileHandle.standardError.write(Data("telltale: \(reason)\n".utf8))
            return 70
        }
    }

    /// Writes the JSON validation report (mode 0600); says why on failure.
    private func writeReport(_ watch: DeployWatch, to path: String) -> Bool {
        let hasHealth = !configuration.healthEndpoints.isEmpty
            || replay?.summary.hasHealth == true
        let verdict = DeployVerdict.evaluate(watch, criteria: configuration.criteria, context: .init(healthConfigured: hasHealth))
        do {
            try ReportFile.write(JSONReport.render(watch, verdict: verdict), to: path)
            return true
        } catch {
            FileHandle.standardError.write(Data("telltale: cannot write \(path): \(error)\n".utf8))
            return false
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
