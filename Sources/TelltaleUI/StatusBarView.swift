import TelltaleCore

/// The top line: service, revision and time since deploy, the health light,
/// log volume, pause state and the clock.
public enum StatusBarView {
    public static func render(_ snapshot: DashboardSnapshot, model: DashboardModel, glyphs g: Glyphs, in rect: Rect, into buffer: inout CellBuffer) {
        guard !rect.isEmpty else { return }
        let watch = snapshot.watch
        buffer.fill(rect, with: Cell(" ", role: .statusBar))
        let sep = " \(g.horizontal) "
        var line = StyledLine(" telltale", .statusBar)
        let service = watch.tail.records.last(where: { $0.service != nil })?.service
        if let service { line.add(sep + service, .statusBar) }
        if let revision = watch.deploys.currentRevision {
            var rev = revision
            if let service, rev.hasPrefix(service + "-") { rev = String(rev.dropFirst(service.count + 1)) }
            line.add(sep + "rev \(rev)", .statusBar)
        }
        if let deploy = watch.deploys.lastDeploy {
            line.add(" (deployed \(DurationText.format(seconds: max(0, snapshot.now - deploy.at))) ago)", .statusBar)
        }
        line.add(sep, .statusBar)
        let state = watch.overallHealth
        let alerting = !snapshot.alerts.isEmpty
        let (label, role): (String, StyleRole) = if alerting {
            ("ALERT \(snapshot.alerts.count)", .statusCrit)
        } else {
            switch state {
            case .healthy: ("HEALTHY", .statusOK)
            case .degraded: ("DEGRADED", .statusWarn)
            case .down: ("DOWN", .statusCrit)
            case .unknown: (watch.health.isEmpty ? "NO HEALTH" : "UNKNOWN", .statusBar)
            }
        }
        line.add("\(g.dot) \(label)", role)
        // Pause comes before the volume: on a narrow bar it must not be cut off.
        if model.paused {
            line.add(sep, .statusBar)
            line.add("PAUSED +\(TextFit.grouped(max(0, snapshot.liveLineTotal - watch.lines.total))) lines", .statusWarn)
        }
        let failed = watch.sources.filter(\.hasFailed).count
        line.add(sep + "logs \(watch.sources.count) src \(TextFit.grouped(Int(snapshot.linesPerSecond.rounded()))) l/s", .statusBar)
        if failed > 0 { line.add(" \(failed) failed", .statusCrit) }
        let clock = " " + TimeText.clock(snapshot.wallTime) + " "
        StyledLine.draw([line], in: Rect(x: rect.x, y: rect.y, width: rect.width - DisplayWidth.of(clock), height: 1), into: &buffer)
        if rect.width > DisplayWidth.of(clock) + 10 {
            buffer.put(clock, x: rect.maxX - DisplayWidth.of(clock), y: rect.y, role: .statusBar)
        }
    }
}
