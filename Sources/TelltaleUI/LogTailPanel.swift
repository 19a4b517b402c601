import TelltaleCore

/// The newest log entries (the watch keeps 200), filtered by the model's
/// regex, newest at the bottom; scrolled up it stops following.
public enum LogTailPanel {
    public static func render(_ context: PanelContext, in rect: Rect, into buffer: inout CellBuffer) {
        let records = shown(context.snapshot, model: context.model)
        let g = context.glyphs
        let filterText = context.model.filter.map { "filter: \($0)" } ?? "filter: (none)"
        let mode = context.model.paused ? "paused" : context.scroll > 0 ? "scrolled \(context.scroll)" : "follow"
        let inside = PanelFrame.draw(context, title: PanelID.log.title, note: "\(filterText) \(g.horizontal) \(mode)", in: rect, into: &buffer)
        guard !inside.isEmpty else { return }
        if records.isEmpty {
            let text = context.model.filter != nil ? "no entry matches the filter" : "no log entries yet"
            buffer.put(text, x: inside.x, y: inside.y, role: .muted, limit: inside.maxX)
            return
        }
        let end = max(0, records.count - context.scroll)
        let start = max(0, end - inside.height)
        let loggerWidth = inside.width >= 100 ? 24 : inside.width >= 70 ? 18 : 0
        for (row, record) in records[start..<end].enumerated() {
            var line = StyledLine()
            line.add(record.time.map { TimeText.clockMillis($0) } ?? TimeText.clockMillis(record.arrival), .muted)
            line.add(" ")
            line.add(TextFit.left(severityName(record.severity), 5), severityRole(record.severity))
            line.add(" ")
            if loggerWidth > 0 {
                line.add(TextFit.left(shortLogger(record.logger), loggerWidth, ellipsis: g.ellipsis) + " ", .muted)
            }
            line.add(record.message, severityRole(record.severity) == .severityInfo ? .text : severityRole(record.severity))
            let y = inside.y + row
            var x = inside.x
            for segment in line.segments {
                x = buffer.put(segment.text, x: x, y: y, role: segment.role, limit: inside.maxX)
            }
            // A cut message ends in an ellipsis so nobody mistakes it for the whole line.
            if x >= inside.maxX, DisplayWidth.of(line.segments.map(\.text).joined()) > inside.width {
                buffer.put(g.ellipsis, x: inside.maxX - 1, y: y, role: .muted)
            }
        }
    }

    /// The records the tail shows under the model's filter, oldest first.
    static func shown(_ snapshot: DashboardSnapshot, model: DashboardModel) -> [LogRecord] {
        let records = snapshot.watch.tail.records
        guard let pattern = model.filter else { return records }
        let filter = LogFilter(pattern)
        return records.filter { filter.matches($0.logger + " " + $0.message) }
    }

    static func severityName(_ severity: Severity) -> String {
        switch severity {
        case .warning: "WARN"
        case .critical, .alert, .emergency: "CRIT"
        case .default: "-"
        default: severity.name
        }
    }

    static func severityRole(_ severity: Severity) -> StyleRole {
        switch severity {
        case .default, .debug: .severityDebug
        case .info, .notice: .severityInfo
        case .warning: .severityWarning
        case .error: .severityError
        case .critical, .alert, .emergency: .severityCritical
        }
    }

    /// `netra_backend.app.websocket_core.manager` as `websocket_core.manager`:
    /// the tail of a dotted logger says the most.
    static func shortLogger(_ logger: String) -> String {
        let parts = logger.split(separator: ".")
        return parts.count > 2 ? parts.suffix(2).joined(separator: ".") : logger
    }
}
