/// Everything the dashboard shows that is not the watch itself: focus, zoom,
/// scrolling, the log filter, pause, prompts and messages.
///
/// A plain value, changed only by `DashboardUpdate.update`, so every key's
/// behaviour is a pure function that tests drive without a terminal.
public struct DashboardModel: Sendable, Equatable {
    /// A question waiting for y/n.
    public enum Confirmation: Sendable, Equatable {
        case resetWindows
    }

    public var focus: PanelID = .log
    public var zoomed = false
    public var helpVisible = false
    /// Rows scrolled per panel; for the log tail, rows up from the newest line
    /// (0 = following).
    public var scroll: [PanelID: Int] = [:]
    /// The log tail's filter (a regular expression), nil when none.
    public var filter: String?
    /// Why the filter being typed is not a valid expression.
    public var filterError: String?
    /// The filter being typed after `/`, nil when not editing.
    public var filterDraft: String?
    public var paused = false
    public var themeIndex = 0
    public var themeCount: Int
    public var confirmation: Confirmation?
    /// A one-line message for the key bar (report saved, theme changed).
    public var message: String?

    public init(themeCount: Int = 1) {
        self.themeCount = max(1, themeCount)
    }

    public func scrollOffset(_ panel: PanelID) -> Int { scroll[panel] ?? 0 }
}
