import TelltaleCore

/// The core database: its state and since when, timeouts and errors in the
/// long window and since the deploy, and the newest failure's text.
public enum DatabasePanel {
    public static func render(_ context: PanelContext, in rect: Rect, into buffer: inout CellBuffer) {
        let inside = PanelFrame.draw(context, title: PanelID.database.title, in: rect, into: &buffer)
        StyledLine.draw(lines(context, width: inside.width), in: inside, scroll: context.scroll, into: &buffer)
    }

    static func lines(_ context: PanelContext, width: Int) -> [StyledLine] {
        let g = context.glyphs
        let db = context.watch.database
        let now = context.now
        let state = db.state(now: now)
        var lines: [StyledLine] = []
        var first = StyledLine()
        let role: StyleRole = switch state {
        case .up: .ok
        case .degraded: .warn
        case .down: .crit
        case .unknown: .muted
        }
        first.add("\(g.dot) \(state.rawValue)", role)
        if let since = db.upSince, state != .down {
            first.add(" since \(TimeText.clock(since)) (\(DurationText.format(seconds: max(0, now - since))))", .muted)
        } else if state == .unknown {
            first.add(" (no evidence yet)", .muted)
        }
        lines.append(first)
        let deployed = context.watch.lastDeployTime != nil
        for (label, window, sinceDeploy) in [
            ("timeouts", db.timeouts(inLast: context.watch.windows.long, now: now), db.timeoutsSinceDeploy()),
            ("errors", db.errors(inLast: context.watch.windows.long, now: now), db.errorsSinceDeploy()),
        ] {
            var line = StyledLine(TextFit.left(label, 10))
            line.add("\(context.longName): ", .muted)
            line.add(TextFit.left(String(window), 4), window > 0 ? .warn : .text)
            line.add(deployed ? "since deploy: " : "total: ", .muted)
            let count = deployed ? sinceDeploy : (label == "timeouts" ? db.timeouts : db.errors)
            line.add(String(count), count > 0 && deployed ? .crit : .text)
            lines.append(line)
        }
        if let failure = db.lastFailure {
            let prefix = "last: \(TimeText.clock(failure.at)) "
            let wrapped = TextFit.wrap(failure.text, max(1, width - DisplayWidth.of(prefix)), maxLines: 3)
            for (i, part) in wrapped.enumerated() {
                var line = StyledLine(i == 0 ? prefix : String(repeating: " ", count: DisplayWidth.of(prefix)), .muted)
                line.add(part, state == .down ? .crit : .text)
                lines.append(line)
            }
        } else {
            lines.append(StyledLine("no database failure seen", .muted))
        }
        return lines
    }
}
