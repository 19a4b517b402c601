import Foundation
import TelltaleCore

/// Plays a recording back through the pipeline, with the original timing scaled
/// by `speed` (nil: as fast as possible).
///
/// Entries are fed in file order, so each source's reader gets the lines it got
/// the first time (redacted ones, and regrouped into whole lines, in a redacted
/// recording): same lines, same counts.
public struct RecordingReplay: Sendable {
    public let path: String
    public let speed: Double?

    public init(path: String, speed: Double?) {
        self.path = path
        self.speed = speed
    }

    /// Reads and checks the whole recording first, so a broken file is refused
    /// before anything is shown.
    public func load() throws(RecordingError) -> [RecordingEntry] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RecordingError(path: path, reason: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")
        }
        var entries: [RecordingEntry] = []
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.isEmpty { continue }
            guard let entry = RecordingEntry.decode(String(decoding: line, as: UTF8.self)) else {
                throw RecordingError(path: path, reason: "not a recording entry", line: lineNumber)
            }
            if lineNumber == 1 {
                guard case .header(let version, _, _) = entry else {
                    throw RecordingError(path: path, reason: "not a telltale recording (no header)", line: 1)
                }
                guard version == RecordingEntry.formatVersion else {
                    throw RecordingError(path: path, reason: "recording format \(version) is not supported (expected \(RecordingEntry.formatVersion))", line: 1)
                }
            }
            entries.append(entry)
        }
        guard !entries.isEmpty else { throw RecordingError(path: path, reason: "empty file") }
        return entries
    }

    /// Feeds the entries, sleeping between them as the recording did (scaled).
    /// Returns early when the task is cancelled.
    public func play(_ entries: [RecordingEntry], source emit: @Sendable (SourceEvent) -> Void,
                     health: @Sendable (HealthResult) -> Void) async {
        var first: Double?
        let start = ContinuousClock.now
        for entry in entries {
            if Task.isCancelled { return }
            let t: Double
            switch entry {
            case .header: continue
            case .data(_, _, let arrival): t = arrival
            case .state(_, _, let at), .note(_, _, let at): t = at
            case .health(let result): t = result.time
            }
            if let speed {
                let origin = first ?? t
                first = origin
                let due = max(0, (t - origin) / speed)
                let elapsed = start.duration(to: .now)
                let wait = Duration.seconds(due) - elapsed
                if wait > .milliseconds(1) { try? await Task.sleep(for: wait) }
            }
            switch entry {
            case .header: break
            case let .data(source, bytes, arrival): emit(.data(source: source, bytes: bytes, arrival: arrival))
            case let .state(source, state, _): emit(.state(source: source, state))
            case let .note(source, text, _): emit(.note(source: source, text: text))
            case .health(let result): health(result)
            }
        }
    }

    /// Whether the recording's header says its log bytes and health bodies
    /// were redacted when it was made (false for `--no-redact` recordings and
    /// for those from before redacted recordings).
    public static func isRedacted(_ entries: [RecordingEntry]) -> Bool {
        guard case .header(_, _, let redacted) = entries.first else { return false }
        return redacted
    }

    /// The names of the sources the recording holds, in order of appearance.
    public static func sources(in entries: [RecordingEntry]) -> [String] {
        var names: [String] = []
        for entry in entries {
            switch entry {
            case .data(let s, _, _), .state(let s, _, _), .note(let s, _, _):
                if !names.contains(s) { names.append(s) }
            default: break
            }
        }
        return names
    }
}
