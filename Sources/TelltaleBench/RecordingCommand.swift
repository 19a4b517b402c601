import Foundation
import TelltaleSources

/// `telltale-bench recording`: a corpus as a recording (`telltale replay FILE`),
/// its lines arriving at a steady rate, and the corpus's ground truth next to it.
///
/// This is the load the reliability suite replays through the whole pipeline
/// with the dashboard drawing: an hour of a 2k lines/s stream is 7.2M lines,
/// too much to keep, so each 100 ms window is generated, written and dropped.
/// A window's bytes are written as a tail would have read them: in reads of at
/// most 64 KiB cut anywhere (mid-line too), all stamped with the end of the
/// window. The file is written by `RecordingWriter`, the writer of `--record`,
/// so it is the real format and nothing else.
enum RecordingCommand {
    /// The wall time a tail would wait between two reads of a busy file.
    static let windowSeconds = 0.1
    /// The most one read of a followed file returns.
    static let readBytes = 64 * 1024
    /// The name the recorded source goes by (a followed file's path).
    static let sourceName = "netra-backend.log"

    static func run(_ arguments: BenchArguments) throws(BenchError) {
        guard let path = arguments.string("--out") else { throw BenchError("recording needs --out FILE") }
        let rate = try arguments.integer("--lines-per-second", default: 2000)
        let seconds = try arguments.integer("--seconds", default: 3600)
        guard rate > 0, seconds > 0 else { throw BenchError("--lines-per-second and --seconds must be positive") }
        var settings = CorpusGenerator.Settings()
        settings.lines = rate * seconds
        settings.linesPerSecond = rate
        settings.seed = UInt64(try arguments.integer("--seed", default: Int(settings.seed)))
        settings.users = max(1, try arguments.integer("--users", default: settings.users))

        let start = Double(CorpusGenerator.startMilliseconds) / 1000
        let writer: RecordingWriter
        do {
            writer = try RecordingWriter(path: path, started: start)
        } catch {
            throw BenchError("cannot create \(path): \(error.description)")
        }
        writer.write(.state(source: sourceName, state: .reading, at: start))

        var generator = CorpusGenerator(settings)
        var window: [UInt8] = []
        var windowIndex = 0
        while !generator.isFinished {
            windowIndex += 1
            // Lines whose timestamps fall inside this window, read at its end.
            let linesBy = Int((Double(rate) * windowSeconds * Double(windowIndex)).rounded(.down))
            window.removeAll(keepingCapacity: true)
            var written = generator.linesWritten
            while written < linesBy, !generator.isFinished {
                generator.appendLine(to: &window)
                written += 1
            }
            guard !window.isEmpty else { continue }
            let arrival = start + windowSeconds * Double(windowIndex)
            var offset = 0
            while offset < window.count {
                let end = min(offset + readBytes, window.count)
                writer.write(.data(source: sourceName, bytes: Array(window[offset..<end]), arrival: arrival))
                offset = end
            }
        }
        writer.close()
        if let failure = writer.failure { throw BenchError(failure) }

        let truthPath = path + ".truth.json"
        try generator.groundTruth.write(to: truthPath)
        print("recording lines=\(settings.lines) seconds=\(seconds) windows=\(windowIndex) out=\(path)")
    }
}
