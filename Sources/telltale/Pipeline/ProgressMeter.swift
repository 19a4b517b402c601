import Foundation
import TelltaleCore

/// A one-line progress display on standard error (only when it is a terminal):
/// bytes and entries read and the rate, so a long `--no-follow` run shows life
/// while standard output stays clean for pipes.
final class ProgressMeter: Sendable {
    func show(state: IngestPipeline.Progress, elapsed: Double) {
        let entries = state.entries
        let rate = elapsed > 0 ? Double(entries) / elapsed : 0
        let line = "\r\u{1B}[2K  read \(Self.bytes(state.bytes)), \(entries) entries, \(Self.count(rate)) entries/s, \(DurationText.format(seconds: elapsed))"
        FileHandle.standardError.write(Data(line.utf8))
    }

    func clear() {
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }

    static func bytes(_ n: Int) -> String {
        let d = Double(n)
        if d >= 1_073_741_824 { return String(format: "%.1f GiB", d / 1_073_741_824) }
        if d >= 1_048_576 { return String(format: "%.1f MiB", d / 1_048_576) }
        if d >= 1024 { return String(format: "%.1f KiB", d / 1024) }
        return "\(n) B"
    }

    static func count(_ n: Double) -> String {
        if n >= 1_000_000 { return String(format: "%.2fM", n / 1_000_000) }
        if n >= 1000 { return String(format: "%.1fk", n / 1000) }
        return String(Int(n))
    }
}
