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
                event.text.contains(" down") || event.text.contains("failed") ? .crit
                    : event.text.contains("degraded") ? .warn : .ok
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
}
