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


    /// Every entry of the recording, checked (see `RecordingReader`). For
    /// tests and small files: a replay streams with `summary()` and `play`.
    public func load() throws(RecordingError) -> [RecordingEntry] {
        var reader = try RecordingReader(path: path)
        var entries: [RecordingEntry] = []
        while let entry = try reader.next() { entries.append(entry) }
        return entries
    }

    /// One pass over the whole recording, checking every entry, for what a
    /// replay must know before it starts; the entries are not kept.
    public func summary() throws(RecordingError) -> RecordingSummary {
        var reader = try RecordingReader(path: path)
        var summary = RecordingSummary()
        while let entry = try reader.next() {
            summary.entries += 1
            switch entry {
            case .header(_, _, let redacted):
                summary.redacted = redacted
            case .data(let s, _, _), .state(let s, _, _), .note(let s, _, _):
                if !summary.sources.contains(s) { summary.sources.append(s) }
            case .health:
                summary.hasHealth = true
            }
        }
        return summary
    }

    public func play(source emit: @Sendable (SourceEvent) -> Void,
                     health: @Sendable (HealthResult) -> Void) async {
        // The file was checked by `summary()`; a read error now (the file
        // changed under us) ends the replay where it happened.
        guard var reader = try? RecordingReader(path: path) else { return }
        var first: Double?
        let start = ContinuousClock.now
        while let entry = try? reader.next() {
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
}
