/// Draws one frame: a pure function of the snapshot, the UI model and the
/// size into a cell buffer of roles (the theme is applied by the backend).
public enum DashboardRenderer {
    public static func render(snapshot: DashboardSnapshot, model: DashboardModel, glyphs: Glyphs, width: Int, height: Int) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height)
        let layout = DashboardLayout.make(width: width, height: height, focus: model.focus, zoomed: model.zoomed)
        if layout.tooSmall {
            let need = "need \(DashboardLayout.minimumWidth)\(glyphs.times)\(DashboardLayout.minimumHeight)"
            let lines = ["terminal too small", "(\(need), have \(width)\(glyphs.times)\(height))", "q quits"]
            let top = max(0, (height - lines.count) / 2)
            for (i, line) in lines.enumerated() {
                let x = max(0, (width - DisplayWidth.of(line)) / 2)
                buffer.put(line, x: x, y: top + i, role: i == 0 ? .warn : .muted)
            }
            return buffer
        }
        StatusBarView.render(snapshot, model: model, glyphs: glyphs, in: layout.statusBar, into: &buffer)
        for panel in PanelID.allCases {
            guard let rect = layout.panels[panel] else { continue }
            let context = PanelContext(snapshot: snapshot, model: model, glyphs: glyphs, panel: panel)
            switch panel {
            case .health: HealthPanel.render(context, in: rect, into: &buffer)
            case .database: DatabasePanel.render(context, in: rect, into: &buffer)
            case .duplication: DuplicationPanel.render(context, in: rect, into: &buffer)
            case .idManager: IDManagerPanel.render(context, in: rect, into: &buffer)
            case .websocket: WebSocketPanel.render(context, in: rect, into: &buffer)
            case .events: EventsPanel.render(context, in: rect, into: &buffer)
            case .log: LogTailPanel.render(context, in: rect, into: &buffer)
            }
        }
        KeyBar.render(snapshot, model: model, glyphs: glyphs, in: layout.keyBar, into: &buffer)
        if model.helpVisible {
            HelpOverlay.render(glyphs: glyphs, in: Rect(x: 0, y: 1, width: width, height: height - 2), into: &buffer)
        }
        return buffer
    }

    /// The largest useful scroll offset of each panel: its content rows minus one.
    public static func scrollLimits(snapshot: DashboardSnapshot, model: DashboardModel) -> [PanelID: Int] {
        var limits: [PanelID: Int] = [:]
        for panel in PanelID.allCases {
            let context = PanelContext(snapshot: snapshot, model: model, glyphs: .ascii, panel: panel)
            let rows: Int = switch panel {
            case .log: LogTailPanel.shown(snapshot, model: model).count
            case .duplication: DuplicationPanel.rowCount(snapshot)
            case .websocket: WebSocketPanel.rowCount(snapshot)
            case .events: EventsPanel.lines(context, width: 40).count
            case .health: HealthPanel.lines(context, width: 40).count
            case .database: DatabasePanel.lines(context, width: 40).count
            case .idManager: IDManagerPanel.lines(context, width: 40).count
            }
            limits[panel] = max(0, rows - 1)
        }
        return limits
    }
}
