import TelltaleCore

/// The id manager: whether it initialized (since the deploy), which id
/// formats are seen, and id collisions with the newest ones listed.
public enum IDManagerPanel {
    public static func render(_ context: PanelContext, in rect: Rect, into buffer: inout CellBuffer) {
        let inside = PanelFrame.draw(context, title: PanelID.idManager.title, in: rect, into: &buffer)
        StyledLine.draw(lines(context, width: inside.width), in: inside, scroll: context.scroll, into: &buffer)
    }

    static func lines(_ context: PanelContext, width: Int) -> [StyledLine] {
        let g = context.glyphs
        let idm = context.watch.idManager
        let deployed = context.watch.lastDeployTime != nil
        var lines: [StyledLine] = []
        let count = deployed ? idm.initializedSinceDeploy() : idm.initializedCount
        var first = StyledLine()
        if count > 0 {
            first.add("\(g.ok) UnifiedIDManager initialized", .ok)
            if let last = idm.lastInitialized { first.add(" \(TimeText.clock(last))", .muted) }
            first.add(" (\(g.times)\(count)\(deployed ? " since deploy" : ""))", .muted)
        } else {
            let before = idm.initializedCount > 0 ? " (\(g.times)\(idm.initializedCount) before)" : ""
            first.add("\(g.crit) UnifiedIDManager not initialized\(deployed ? " since deploy" : "")\(before)", deployed ? .crit : .warn)
        }
        lines.append(first)
        let ids = idm.idCounts
        var formats = StyledLine("ids seen   ", .muted)
        for format in IDFormat.allCases {
            let n = ids[format] ?? 0
            formats.add("\(format.rawValue) ", .muted)
            formats.add(TextFit.grouped(n) + "   ", format == .legacy && n > 0 ? .warn : .text)
        }
        lines.append(formats)
        let since = idm.collisionsSinceDeploy()
        var collisions = StyledLine("collisions ", .muted)
        if deployed {
            collisions.add("\(since)", since > 0 ? .crit : .ok)
            collisions.add(" since deploy", .muted)
            let before = idm.collisionCount - since
            if before > 0 { collisions.add(" (\(before) before)", .muted) }
        } else {
            collisions.add("\(idm.collisionCount)", idm.collisionCount > 0 ? .crit : .ok)
            collisions.add(" in total", .muted)
        }
        lines.append(collisions)
        for collision in idm.recentCollisions.reversed() {
            var line = StyledLine("  \(TimeText.clock(collision.at)) ", .muted)
            line.add("\(collision.entity): \(collision.users.joined(separator: " & "))", .warn)
            lines.append(line)
        }
        return lines
    }
}
