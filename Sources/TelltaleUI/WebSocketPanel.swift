import TelltaleCore

/// WebSocket manager warnings grouped by message template: counts, windows,
/// and a 15-minute trend each.
public enum WebSocketPanel {
    public static func render(_ context: PanelContext, in rect: Rect, into buffer: inout CellBuffer) {
        let ws = context.watch.websocket
        let now = context.now
        let note = "\(context.longName): \(TextFit.grouped(ws.count(inLast: context.watch.windows.long, now: now)))"
            + (context.watch.lastDeployTime != nil ? " \(context.glyphs.horizontal) since deploy: \(TextFit.grouped(ws.sinceDeploy()))" : "")
        let inside = PanelFrame.draw(context, title: PanelID.websocket.title, note: note, in: rect, into: &buffer)
        // Only the rows on screen are worked out: up to 512 templates exist.
        let rows = StyledLine.visibleRows(count: ws.templateCount, scroll: context.scroll, height: inside.height, pinned: 1)
        StyledLine.draw(lines(context, width: inside.width, rows: rows), in: inside, pinned: 1, into: &buffer)
    }

    static func rowCount(_ snapshot: DashboardSnapshot) -> Int {
        snapshot.watch.websocket.templateCount
    }

    /// The header and the template rows `rows` (all of them by default).
    static func lines(_ context: PanelContext, width: Int, rows: Range<Int>? = nil) -> [StyledLine] {
        let counter = context.watch.websocket
        let templates = counter.templates(now: context.now, rows: rows ?? 0..<counter.templateCount)
        let trendWidth = width >= 70 ? TemplateCounter.trendBuckets : 0
        let templateWidth = max(10, width - 7 - 5 - 5 - 2 - (trendWidth > 0 ? trendWidth + 2 : 0))
        var header = StyledLine(TextFit.right("count", 7) + TextFit.right(context.shortName, 5) + TextFit.right(context.longName, 5) + "  ", .header)
        header.add(TextFit.left("template", templateWidth) + (trendWidth > 0 ? "  trend" : ""), .header)
        var lines = [header]
        guard counter.templateCount > 0 else {
            lines.append(StyledLine("  no WebSocket manager warnings", .muted))
            return lines
        }
        for stats in templates {
            var line = StyledLine(TextFit.right(TextFit.grouped(stats.count), 7))
            line.add(TextFit.right(String(stats.short), 5), stats.short > 0 ? .warn : .muted)
            line.add(TextFit.right(String(stats.long), 5), stats.long > 0 ? .warn : .muted)
            line.add("  " + TextFit.left(stats.template, templateWidth, ellipsis: context.glyphs.ellipsis))
            if trendWidth > 0 {
                line.add("  " + Sparkline.render(stats.trend, width: trendWidth, glyphs: context.glyphs), .spark)
            }
            lines.append(line)
        }
        return lines
    }
}
