#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TelltaleCore

/// The timeline, newest first: deploys, health and database state changes,
/// source failures, alert raises and clears.
public enum EventsPanel {
    public static func render(_ context: PanelContext, in rect: Rect, into buffer: inout CellBuffer) {
        let inside = PanelFrame.draw(context, title: PanelID.events.title, in: rect, into: &buffer)
        // Lines past the bottom of the panel are not built (500 events are kept).
        let needed = max(0, context.scroll) + inside.height
        StyledLine.draw(lines(context, width: inside.width, upTo: needed), in: inside, scroll: context.scroll, into: &buffer)
    }

    static func events(_ snapshot: DashboardSnapshot) -> [WatchEvent] {
        (snapshot.watch.events + snapshot.alertEvents).enumerated()
            .sorted { ($0.element.at, $0.offset) > ($1.element.at, $1.offset) }
            .map(\.element)
    }

    /// The timeline's lines, newest first; stops once `upTo` lines exist.
    static func lines(_ context: PanelContext, width: Int, upTo limit: Int = .max) -> [StyledLine] {
        let all = events(context.snapshot)
        guard !all.isEmpty else { return [StyledLine("no events yet", .muted)] }
        var lines: [StyledLine] = []
        for event in all where lines.count < limit {
            let role: StyleRole = switch event.kind {
            case .deploy: .title
            case .alert: .crit
            case .source: .warn
            case .health, .database:
                mentions(event.text, " down") || mentions(event.text, "failed") ? .crit
                    : mentions(event.text, "degraded") ? .warn : .ok
            }
            let stamp = TimeText.clock(event.at) + " "
            let parts = TextFit.wrap(event.text, max(1, width - DisplayWidth.of(stamp)), maxLines: 2)
            for (i, part) in parts.enumerated() {
                var line = StyledLine(i == 0 ? stamp : String(repeating: " ", count: DisplayWidth.of(stamp)), .muted)
                line.add(part, role)
                lines.append(line)
            }
        }
        return lines
    }

    /// A byte search: `String.contains` with Foundation loaded goes through
    /// a locale-aware search, a tenth of an idle frame for 500 events.
    static func mentions(_ text: String, _ word: StaticString) -> Bool {
        var text = text
        return text.withUTF8 { hay in
            let needle = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
            guard let base = hay.baseAddress, let first = needle.first, hay.count >= needle.count else { return false }
            var from = 0
            while let hit = memchr(base + from, Int32(first), hay.count - from) {
                let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                guard at + needle.count <= hay.count else { return false }
                if memcmp(base + at, needle.baseAddress!, needle.count) == 0 { return true }
                from = at + 1
            }
            return false
        }
    }
}
