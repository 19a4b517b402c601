import Foundation
import TelltaleCore

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

    func run() async -> Int32 {
        if configuration.tls.insecure {
            FileHandle.standardError.write(Data("telltale: WARNING: TLS certificate verification is OFF (--insecure)\n".utf8))
        }
        let interrupted = InterruptFlag.install()
        let pipeline = IngestPipeline(watch: configuration.makeWatch(), maxLineBytes: maxLineBytes)
        let runner = WatchRunner(configuration: configuration, pipeline: pipeline, follow: duration != nil,
                                 fromStart: fromStart || duration == nil)
        let polls = configuration.criteria.compactMap { criterion -> Int? in
            if case .healthHealthy(let n) = criterion { return n }
            return nil
        }.max() ?? 1
        let meter = isatty(STDERR_FILENO) == 1 ? ProgressMeter() : nil
        _ = await runner.run(duration: duration, minimumPolls: polls, interrupted: { interrupted.isSet }) { state, elapsed in
            meter?.show(state: state, elapsed: elapsed)
        }
        meter?.clear()

        let watch = pipeline.snapshot().watch
        let verdict = DeployVerdict.evaluate(watch, criteria: configuration.criteria,
                                             context: .init(healthConfigured: !configuration.healthEndpoints.isEmpty))
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
        return verdict.verdict.exitStatus
    }
}
