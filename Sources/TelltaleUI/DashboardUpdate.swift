/// The dashboard's reaction to a key: a pure function from the model and a key
/// to the next model and the effects to run (bubbletea's update).
public enum DashboardUpdate {
    /// Rows one PgUp/PgDn moves.
    public static let pageRows = 10

    /// - Parameters:
    ///   - model: the current model.
    ///   - key: the key pressed.
    ///   - scrollLimits: the largest scroll offset of each panel (its content
    ///     rows minus one); panels not listed are not clamped.
    /// - Returns: the next model and what to do outside it.
    public static func update(
        _ model: DashboardModel, _ key: Key, scrollLimits: [PanelID: Int] = [:]
    ) -> (DashboardModel, [Effect]) {
        var m = model
        // Ctrl-C always quits: under raw mode it is a key, not a signal.
        if key == .control("c") { return (m, [.quit]) }
        if m.filterDraft != nil { return editFilter(m, key) }
        if let question = m.confirmation {
            m.confirmation = nil
            if key == .character("y") || key == .character("Y") {
                switch question {
                case .resetWindows:
                    m.message = "windows reset: counting starts again now"
                    return (m, [.resetWindows])
                }
            }
            m.message = "reset cancelled"
            return (m, [])
        }
        if m.helpVisible {
            switch key {
            case .character("q"): return (m, [.quit])
            case .character("?"), .escape, .enter: m.helpVisible = false
            default: break
            }
            return (m, [])
        }
        m.message = nil
        switch key {
        case .character("q"):
            return (m, [.quit])
        case .character("?"):
            m.helpVisible = true
        case .tab:
            m.focus = step(m.focus, by: 1)
        case .backTab:
            m.focus = step(m.focus, by: -1)
        case .enter:
            m.zoomed = true
        case .escape:
            if m.zoomed {
                m.zoomed = false
            } else if m.filter != nil {
                m.filter = nil
                m.filterError = nil
                m.scroll[.log] = 0
                m.message = "filter cleared"
            }
        case .up, .character("k"):
            m = scrolled(m, older: 1, limits: scrollLimits)
        case .down, .character("j"):
            m = scrolled(m, older: -1, limits: scrollLimits)
        case .pageUp:
            m = scrolled(m, older: pageRows, limits: scrollLimits)
        case .pageDown:
            m = scrolled(m, older: -pageRows, limits: scrollLimits)
        case .character("g"), .home:
            m = scrolled(m, older: Int.max / 2, limits: scrollLimits)
        case .character("G"), .end:
            m = scrolled(m, older: -(Int.max / 2), limits: scrollLimits)
        case .character("/"):
            m.filterDraft = m.filter ?? ""
            m.filterError = nil
        case .character("n"), .character("N"):
            guard m.filter != nil else {
                m.message = "no filter: press / to search the log"
                break
            }
            // Every shown line matches, so the next match is the next line.
            m.focus = .log
            m = scrolled(m, older: key == .character("N") ? 1 : -1, limits: scrollLimits)
        case .character("p"):
            m.paused.toggle()
            m.message = m.paused ? "paused: inputs keep counting, p resumes" : "resumed"
            return (m, [.freeze(m.paused)])
        case .character("d"):
            m.message = "deploy marked"
            return (m, [.markDeploy])
        case .character("r"):
            m.confirmation = .resetWindows
        case .character("s"):
            return (m, [.saveReport])
        case .character("t"):
            m.themeIndex = (m.themeIndex + 1) % m.themeCount
            return (m, [.cycleTheme])
        default:
            break
        }
        return (m, [])
    }

    private static func editFilter(_ model: DashboardModel, _ key: Key) -> (DashboardModel, [Effect]) {
        var m = model
        var draft = m.filterDraft ?? ""
        switch key {
        case .escape:
            m.filterDraft = nil
            m.filter = nil
            m.filterError = nil
            m.message = "filter cleared"
            return (m, [])
        case .enter:
            if draft.isEmpty {
                m.filter = nil
                m.filterDraft = nil
                m.filterError = nil
                return (m, [])
            }
            if let problem = LogFilter.problem(in: draft) {
                m.filterError = problem
                return (m, [.bell])
            }
            m.filter = draft
            m.filterDraft = nil
            m.filterError = nil
            m.focus = .log
            m.scroll[.log] = 0
            return (m, [])
        case .backspace:
            if !draft.isEmpty { draft.removeLast() }
        case .character(let c):
            draft.append(c)
        default:
            return (m, [])
        }
        m.filterDraft = draft
        m.filterError = draft.isEmpty ? nil : LogFilter.problem(in: draft)
        return (m, [])
    }

    private static func step(_ panel: PanelID, by delta: Int) -> PanelID {
        let all = PanelID.allCases
        let index = all.firstIndex(of: panel)!
        return all[(index + delta + all.count) % all.count]
    }

    /// Scrolls the focused panel `older` rows back in time (the log tail counts
    /// up from the newest line; tables count down from their first row).
    private static func scrolled(_ model: DashboardModel, older: Int, limits: [PanelID: Int]) -> DashboardModel {
        var m = model
        let panel = m.focus
        let delta = panel == .log ? older : -older
        var offset = m.scrollOffset(panel).addingReportingOverflow(delta).partialValue
        offset = max(0, offset)
        if let limit = limits[panel] { offset = min(offset, max(0, limit)) }
        m.scroll[panel] = offset
        return m
    }
}
