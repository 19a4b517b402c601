import TelltaleCore

/// What a panel needs to draw itself: the frame's data, the UI state, the
/// glyphs, and whether it has the focus or an alert.
public struct PanelContext: Sendable {
    public var snapshot: DashboardSnapshot
    public var model: DashboardModel
    public var glyphs: Glyphs
    public var panel: PanelID

    public init(snapshot: DashboardSnapshot, model: DashboardModel, glyphs: Glyphs, panel: PanelID) {
        self.snapshot = snapshot
        self.model = model
        self.glyphs = glyphs
        self.panel = panel
    }

    public var watch: DeployWatch { snapshot.watch }
    public var now: Double { snapshot.now }
    public var focused: Bool { model.focus == panel }
    public var alert: DashboardAlert? { snapshot.alert(on: panel) }
    public var scroll: Int { model.scrollOffset(panel) }

    /// The window names as shown in column headers ("1m", "15m").
    public var shortName: String { DurationText.format(seconds: watch.windows.short) }
    public var longName: String { DurationText.format(seconds: watch.windows.long) }

    func fit(_ text: some StringProtocol, _ width: Int) -> String {
        TextFit.fit(text, width, ellipsis: glyphs.ellipsis)
    }
}
