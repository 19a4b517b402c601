import TelltaleCore

/// What one frame draws: the watch (live, or frozen while paused) and the
/// facts around it that the watch does not hold.
public struct DashboardSnapshot: Sendable {
    /// The state drawn.
    public var watch: DeployWatch
    /// Wall time of the frame (the status bar's clock), seconds since 1970.
    public var wallTime: Double
    /// Entries counted by the live watch; more than `watch.lines.total` while
    /// paused (the difference arrived meanwhile).
    public var liveLineTotal: Int
    /// Entries per second over the last few seconds.
    public var linesPerSecond: Double
    /// Alerts active now.
    public var alerts: [DashboardAlert]
    /// Alert raises and clears, for the events panel.
    public var alertEvents: [WatchEvent]

    public init(
        watch: DeployWatch, wallTime: Double, liveLineTotal: Int? = nil, linesPerSecond: Double = 0,
        alerts: [DashboardAlert] = [], alertEvents: [WatchEvent] = []
    ) {
        self.watch = watch
        self.wallTime = wallTime
        self.liveLineTotal = liveLineTotal ?? watch.lines.total
        self.linesPerSecond = linesPerSecond
        self.alerts = alerts
        self.alertEvents = alertEvents
    }

    /// "Now" for window readouts: the watch's own time, else the wall clock.
    public var now: Double { watch.now ?? wallTime }

    public func alert(on panel: PanelID) -> DashboardAlert? {
        alerts.first { $0.panel == panel }
    }
}
