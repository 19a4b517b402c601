import TelltaleCore

/// Health endpoints: status, latency, state and how long, a latency sparkline
/// each, then the success ratio over the long window and the last failure.
public enum HealthPanel {
    public static func render(_ context: PanelContext, in rect: Rect, into buffer: inout CellBuffer) {
        let inside = PanelFrame.draw(context, title: PanelID.health.title, in: rect, into: &buffer)
        StyledLine.draw(lines(context, width: inside.width), in: inside, scroll: context.scroll, into: &buffer)
    }

    static func lines(_ context: PanelContext, width: Int) -> [StyledLine] {
        let g = context.glyphs
        let endpoints = context.watch.health
        guard !endpoints.isEmpty else {
            return [StyledLine("no health endpoint polled", .muted), StyledLine("(give --health URL)", .muted)]
        }
        let nameWidth = min(max(endpoints.map { DisplayWidth.of($0.name) }.max() ?? 8, 8), max(8, width / 3))
        var lines: [StyledLine] = []
        var worstFailure: (name: String, failure: HealthFailure)?
        for endpoint in endpoints {
            var line = StyledLine(TextFit.left(endpoint.name, nameWidth, ellipsis: g.ellipsis) + " ")
            let status = endpoint.lastResult?.status.map(String.init) ?? "---"
            let latency = endpoint.lastResult.map { $0.status == nil ? "" : DurationText.format(seconds: $0.latency) } ?? ""
            line.add(TextFit.right(status, 4) + " " + TextFit.right(latency, 6) + "  ")
            let (glyph, role) = mark(endpoint.state, g)
            line.add("\(glyph) \(endpoint.state.rawValue)", role)
            if let since = endpoint.stateSince {
                line.add("  " + DurationText.format(seconds: max(0, context.now - since)), .muted)
            }
            lines.append(line)
            let spark = Sparkline.render(endpoint.latencies, width: max(0, width - 4), glyphs: g, floor: 1)
            lines.append(StyledLine("  " + spark, .spark))
            if let failure = endpoint.lastFailure, worstFailure.map({ failure.at > $0.failure.at }) ?? true {
                worstFailure = (endpoint.name, failure)
            }
        }
        var summary = StyledLine()
        let ratios = endpoints.compactMap { $0.successRatio(over: context.watch.windows.long, now: context.now) }
        if !ratios.isEmpty {
            let ratio = ratios.reduce(0, +) / Double(ratios.count)
            summary.add("uptime \(context.longName) ", .muted)
            summary.add("\(Int((ratio * 100).rounded()))%", ratio >= 0.999 ? .ok : ratio >= 0.9 ? .warn : .crit)
        }
        if let worstFailure {
            summary.add("   last failure \(TimeText.clock(worstFailure.failure.at)) \(worstFailure.name):", .muted)
            lines.append(summary)
            lines.append(StyledLine("  " + worstFailure.failure.reason, worstFailure.failure.state == .down ? .crit : .warn))
        } else {
            summary.add("   no failure seen", .muted)
            lines.append(summary)
        }
        return lines
    }

    static func mark(_ state: HealthState, _ g: Glyphs) -> (String, StyleRole) {
        switch state {
        case .healthy: (g.ok, .ok)
        case .degraded: (g.warn, .warn)
        case .down: (g.crit, .crit)
        case .unknown: ("?", .muted)
        }
    }
}
