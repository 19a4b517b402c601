/// Where every panel goes for a terminal size: a compact fold for 80×24, the
/// mockup's arrangement from 120×36, an events column from 180 columns, the
/// focused panel alone when zoomed, and a notice below the minimum.
public struct DashboardLayout: Sendable, Equatable {
    public static let minimumWidth = 60
    public static let minimumHeight = 16

    public var statusBar: Rect
    public var keyBar: Rect
    /// The panels shown, and where.
    public var panels: [PanelID: Rect]
    /// True below the minimum size: nothing but the notice is drawn.
    public var tooSmall: Bool

    public static func make(width: Int, height: Int, focus: PanelID, zoomed: Bool) -> DashboardLayout {
        guard width >= minimumWidth, height >= minimumHeight else {
            return DashboardLayout(statusBar: Rect(x: 0, y: 0, width: 0, height: 0), keyBar: Rect(x: 0, y: 0, width: 0, height: 0), panels: [:], tooSmall: true)
        }
        let status = Rect(x: 0, y: 0, width: width, height: 1)
        let keys = Rect(x: 0, y: height - 1, width: width, height: 1)
        let body = Rect(x: 0, y: 1, width: width, height: height - 2)
        if zoomed {
            return DashboardLayout(statusBar: status, keyBar: keys, panels: [focus: body], tooSmall: false)
        }
        var panels: [PanelID: Rect] = [:]
        func rows(_ total: Int, _ percent: Int, _ low: Int, _ high: Int) -> Int {
            min(max((total * percent + 50) / 100, low), high)
        }
        if width >= 120 && height >= 36 {
            let h = body.height
            let (top, r1) = body.splitTop(rows(h, 21, 8, 14))
            let (middle, r2) = r1.splitTop(rows(h, 21, 8, 14))
            let (warnings, log) = r2.splitTop(rows(h, 18, 7, 14))
            panels[.log] = log
            if width >= 180 {
                // A tall events column beside the three upper rows.
                let columns = Rect(x: 0, y: body.y, width: width, height: top.height + middle.height + warnings.height)
                let (left, events) = columns.splitLeft(fraction: 0.74)
                panels[.events] = events
                let (t, rest) = left.splitTop(top.height)
                let (m, w) = rest.splitTop(middle.height)
                (panels[.health], panels[.database]) = t.splitLeft(fraction: 0.45)
                (panels[.duplication], panels[.idManager]) = m.splitLeft(fraction: 0.55)
                panels[.websocket] = w
            } else {
                (panels[.health], panels[.database]) = top.splitLeft(fraction: 0.45)
                (panels[.duplication], panels[.idManager]) = middle.splitLeft(fraction: 0.55)
                (panels[.websocket], panels[.events]) = warnings.splitLeft(fraction: 0.74)
            }
        } else {
            let h = body.height
            let (top, r1) = body.splitTop(rows(h, 27, 4, 10))
            let (middle, r2) = r1.splitTop(rows(h, 27, 4, 10))
            let (warnings, log) = r2.splitTop(rows(h, 22, 3, 9))
            (panels[.health], panels[.database]) = top.splitLeft(fraction: 0.5)
            (panels[.duplication], panels[.idManager]) = middle.splitLeft(fraction: 0.55)
            // No room for events: it takes the warnings' place while focused.
            panels[focus == .events ? .events : .websocket] = warnings
            panels[.log] = log
        }
        return DashboardLayout(statusBar: status, keyBar: keys, panels: panels, tooSmall: false)
    }
}
