import TelltaleCore

/// Users named in WebSocket manager duplication warnings: watched users
/// pinned first (★), then the others by last seen, with windows and the
/// since-deploy count that decides the verdict.
public enum DuplicationPanel {
    public static func render(_ context: PanelContext, in rect: Rect, into buffer: inout CellBuffer) {
        let dup = context.watch.duplication
        let note = "entries \(TextFit.grouped(dup.totalEntries))"
        let inside = PanelFrame.draw(context, title: PanelID.duplication.title, note: note, in: rect, into: &buffer)
        // Only the rows on screen are worked out: up to 4096 users are tracked.
        let rows = StyledLine.visibleRows(count: dup.userCount, scroll: context.scroll, height: inside.height, pinned: 1)
        StyledLine.draw(lines(context, width: inside.width, rows: rows), in: inside, pinned: 1, into: &buffer)
    }

    static func rowCount(_ snapshot: DashboardSnapshot) -> Int {
        snapshot.watch.duplication.userCount
    }

    /// The header and the user rows `rows` (all of them by default).
    static func lines(_ context: PanelContext, width: Int, rows: Range<Int>? = nil) -> [StyledLine] {
        let g = context.glyphs
        let counter = context.watch.duplication
        let users = counter.users(now: context.now, rows: rows ?? 0..<counter.userCount)
        // Narrow panels drop "last seen" and shorten the since-deploy heading.
        let wide = width >= 62
        let sinceWidth = wide ? 13 : 7
        let userWidth = max(10, min(24, width - 2 - 1 - 16 - 2 - sinceWidth - (wide ? 9 : 0)))
        let deployed = context.watch.lastDeployTime != nil
        var header = StyledLine("  " + TextFit.left("user", userWidth) + " ", .header)
        let sinceHeading = deployed ? (wide ? "since deploy" : "deploy") : (wide ? "no deploy" : "-")
        header.add(TextFit.right("total", 6) + TextFit.right(context.shortName, 5) + TextFit.right(context.longName, 5)
                   + "  " + TextFit.left(sinceHeading, sinceWidth) + (wide ? "last seen" : ""), .header)
        var lines = [header]
        guard counter.userCount > 0 else {
            lines.append(StyledLine("  no duplication warnings", .muted))
            return lines
        }
        for stats in users {
            var line = StyledLine(stats.watched ? g.star + " " : "  ", stats.watched ? .warn : .text)
            line.add(TextFit.left(stats.user, userWidth, ellipsis: g.ellipsis) + " ", stats.watched ? .title : .text)
            let approx = stats.error > 0 ? "~" : ""
            line.add(TextFit.right(approx + TextFit.grouped(stats.total), 6))
            line.add(TextFit.right(String(stats.short), 5), stats.short > 0 ? .warn : .muted)
            line.add(TextFit.right(String(stats.long), 5), stats.long > 0 ? .warn : .muted)
            line.add("  ")
            let since = TextFit.right(String(stats.sinceDeploy), 4)
            if stats.watched {
                line.add(since + " ")
                line.add(TextFit.left(stats.sinceDeploy == 0 ? g.ok : g.warn, sinceWidth - 5), stats.sinceDeploy == 0 ? .ok : .crit)
            } else {
                line.add(TextFit.left(since, sinceWidth), stats.sinceDeploy > 0 ? .warn : .muted)
            }
            if wide { line.add(stats.lastSeen.map { TimeText.clock($0) } ?? "never", .muted) }
            lines.append(line)
        }
        return lines
    }
}
