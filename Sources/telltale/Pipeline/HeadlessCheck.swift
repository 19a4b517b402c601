import Foundation
import TelltaleCore
import TelltaleSources

/// The headless watch behind `telltale check` (and `telltale demo` without a
/// screen): run the inputs, evaluate the criteria, write the report, return the
/// exit status.
struct HeadlessCheck {
    var configuration: RunConfiguration
    /// Watch live this long; nil reads every source to its end.
    var duration: Double?
    var fromStart: Bool
    var maxLineBytes: Int
    var format: ReportFormat
    var output: String?
    /// Write every input to this recording (`--record`).
    var record: String? = nil
    /// Play this recording instead of the configured inputs (`telltale replay`).
    var replay: (player: RecordingReplay, summary: RecordingSummary)? = nil
    /// Whether health criteria have an input (endpoints, or health in a replay).
    var healthConfigured: Bool? = nil
    /// End the process once the report is out, instead of returning (`check`,
    /// `replay`): see `finish(_:recorder:)`.
    var endsProcess = false

    func run() async -> Int32 {
        if configuration.tls.insecure {
            FileHandle.standardError.write(Data("telltale: WARNING: TLS certificate verification is OFF (--insecure)\n".utf8))
        }
        guard let recorder = RecordingWriter.forRecordOption(record) else { return 64 }
        defer { recorder?.close() }
        let interrupted = InterruptFlag.install()
        let pipeline = IngestPipeline(watch: configuration.makeWatch(keepsTail: false), maxLineBytes: maxLineBytes,
                                      redactor: configuration.redactor, recorder: recorder)
        var runner = WatchRunner(configuration: configuration, pipeline: pipeline, follow: duration != nil,
                                 fromStart: fromStart || duration == nil)
        runner.replay = replay
        let polls = configuration.criteria.compactMap { criterion -> Int? in
            if case .healthHealthy(let n) = criterion { return n }
            return nil
        }.max() ?? 1
        let meter = isatty(STDERR_FILENO) == 1 ? ProgressMeter() : nil
        _ = await runner.run(duration: duration, minimumPolls: polls, interrupted: { interrupted.isSet }) { state, elapsed in
            meter?.show(state: state, elapsed: elapsed)
        }
        meter?.clear()
        if let failure = recorder?.failure {
            FileHandle.standardError.write(Data("telltale: \(failure)\n".utf8))
        }

        let watch = pipeline.snapshot().watch
        let verdict = DeployVerdict.evaluate(watch, criteria: configuration.criteria,
                                             context: .init(healthConfigured: healthConfigured ?? !configuration.healthEndpoints.isEmpty))
        let text = format == .json
            ? JSONReport.render(watch, verdict: verdict)
            : MarkdownReport.render(watch, verdict: verdict)
        if let output {
            do {
                try ReportFile.write(text, to: output)
            } catch {
                FileHandle.standardError.write(Data("telltale: cannot write \(output): \(error)\n".utf8))
                return Verdict.inconclusive.exitStatus
            }
            FileHandle.standardError.write(Data("telltale: report written to \(output)\n".utf8))
        } else {
            StandardOutput.write(text)
        }
        return finish(verdict.verdict.exitStatus, recorder: recorder)
    }

    /// Returns `status`, or ends the process with it when `endsProcess`.
    ///
    /// After a million lines the watch, its counters and tables and the
    /// pipeline's buffers are hundreds of thousands of objects; freeing them
    /// one by one on the way out took 2-3 ms after the report was written,
    /// work the end of the process does at once. The recording is closed
    /// (flushed and synced) first, as the deferred close would have.
    private func finish(_ status: Int32, recorder: RecordingWriter?) -> Int32 {
        guard endsProcess else { return status }
        recorder?.close()
        exit(status)
    }
}
