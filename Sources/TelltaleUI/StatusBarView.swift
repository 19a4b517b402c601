import TelltaleCore

/// The top line: service, revision and time since deploy, the health light,
/// log volume, pause state and the clock.
public enum StatusBarView {
    public static func render(_ snapshot: DashboardSnapshot, model: DashboardModel, glyphs g: Glyphs, in rect: Rect, into buffer: inout CellBuffer) {
        guard !rect.isEmpty else { return }
        let watch = snapshot.watch
        buffer.fill(rect, with: Cell(" ", role: .statusBar))
        let sep = " \(g.horizontal) "
        let service = watch.tail.records.last(where: { $0.service != nil })?.service
        var revision: String?
        if let current = watch.deploys.currentRevision {
            var rev = current
            if let service, rev.hasPrefix(service + "-") { rev = String(rev.dropFirst(service.count + 1)) }
            revision = "rev \(rev)"
        }
        let deployedAgo = watch.deploys.lastDeploy.map { DurationText.format(seconds: max(0, snapshot.now - $0.at)) }
        let state = watch.overallHealth
        let (label, role): (String, StyleRole) = if !snapshot.alerts.isEmpty {
            ("ALERT \(snapshot.alerts.count)", .statusCrit)
        } else {
            switch state {
            case .healthy: ("HEALTHY", .statusOK)
            case .degraded: ("DEGRADED", .statusWarn)
            case .down: ("DOWN", .statusCrit)
            case .unknown: (watch.health.isEmpty ? "NO HEALTH" : "UNKNOWN", .statusBar)
            }
        }
        let failed = watch.sources.filter(\.hasFailed).count
        let volume = "logs \(watch.sources.count) src \(TextFit.grouped(Int(snapshot.linesPerSecond.rounded()))) l/s"
        let paused = model.paused ? "PAUSED +\(TextFit.grouped(max(0, snapshot.liveLineTotal - watch.lines.total))) lines" : nil

        // The light and the pause note must always show: on a narrow bar the
        // service name goes first, then the volume, then the long deploy text.
        let clock = " " + TimeText.clock(snapshot.wallTime) + " "
        let room = rect.width - DisplayWidth.of(clock)
        var line = StyledLine()
        for level in 0...3 {
            line = StyledLine(" telltale", .statusBar)
            if level < 1, let service { line.add(sep + service, .statusBar) }
            if let revision { line.add(sep + revision, .statusBar) }
            if let deployedAgo { line.add(level < 3 ? " (deployed \(deployedAgo) ago)" : " +\(deployedAgo)", .statusBar) }
            line.add(sep, .statusBar)
            line.add("\(g.dot) \(label)", role)
            if let paused {
                line.add(sep, .statusBar)
                line.add(paused, .statusWarn)
            }
            if level < 2 {
                line.add(sep + volume, .statusBar)
                if failed > 0 { line.add(" \(failed) failed", .statusCrit) }
            }
            if DisplayWidth.of(line.segments.map(\.text).joined()) <= room { break }
        }
        StyledLine.draw([line], in: Rect(x: rect.x, y: rect.y, width: rect.width - DisplayWidth.of(clock), height: 1), into: &buffer)
        if rect.width > DisplayWidth.of(clock) + 10 {
            buffer.put(clock, x: rect.maxX - DisplayWidth.of(clock), y: rect.y, role: .statusBar)
        }
    }
}
