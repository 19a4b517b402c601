import Testing
@testable import TelltaleUI

/// Every key through the pure update function.
@Suite("Dashboard keys")
struct DashboardUpdateTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var start: DashboardModel
        var key: Key
        var effects: [Effect]
        var check: @Sendable (DashboardModel) -> Bool
        var description: String { name }
    }

    static func model(_ change: (inout DashboardModel) -> Void = { _ in }) -> DashboardModel {
        var m = DashboardModel(themeCount: 5)
        change(&m)
        return m
    }

    static let cases: [Case] = [
        Case(name: "q quits", start: model(), key: .character("q"), effects: [.quit]) { _ in true },
        Case(name: "Ctrl-C quits even while typing a filter", start: model { $0.filterDraft = "abc" }, key: .control("c"), effects: [.quit]) { _ in true },
        Case(name: "? shows help", start: model(), key: .character("?"), effects: []) { $0.helpVisible },
        Case(name: "Esc hides help", start: model { $0.helpVisible = true }, key: .escape, effects: []) { !$0.helpVisible },
        Case(name: "other keys do nothing under help", start: model { $0.helpVisible = true }, key: .character("d"), effects: []) { $0.helpVisible },
        Case(name: "Tab focuses the next panel", start: model { $0.focus = .health }, key: .tab, effects: []) { $0.focus == .database },
        Case(name: "Tab wraps around", start: model { $0.focus = .log }, key: .tab, effects: []) { $0.focus == .health },
        Case(name: "Shift-Tab focuses the previous panel", start: model { $0.focus = .health }, key: .backTab, effects: []) { $0.focus == .log },
        Case(name: "Enter zooms", start: model(), key: .enter, effects: []) { $0.zoomed },
        Case(name: "Esc unzooms", start: model { $0.zoomed = true }, key: .escape, effects: []) { !$0.zoomed },
        Case(name: "Esc clears the filter", start: model { $0.filter = "x" }, key: .escape, effects: []) { $0.filter == nil },
        Case(name: "up scrolls the log back", start: model(), key: .up, effects: []) { $0.scrollOffset(.log) == 1 },
        Case(name: "k scrolls the log back", start: model(), key: .character("k"), effects: []) { $0.scrollOffset(.log) == 1 },
        Case(name: "down at the newest line stays", start: model(), key: .down, effects: []) { $0.scrollOffset(.log) == 0 },
        Case(name: "j scrolls a table down", start: model { $0.focus = .duplication }, key: .character("j"), effects: []) { $0.scrollOffset(.duplication) == 1 },
        Case(name: "PgUp scrolls a page", start: model(), key: .pageUp, effects: []) { $0.scrollOffset(.log) == 10 },
        Case(name: "PgDn scrolls a page back down", start: model { $0.scroll[.log] = 15 }, key: .pageDown, effects: []) { $0.scrollOffset(.log) == 5 },
        Case(name: "g goes to the oldest line (clamped)", start: model(), key: .character("g"), effects: []) { $0.scrollOffset(.log) == 30 },
        Case(name: "G follows again", start: model { $0.scroll[.log] = 12 }, key: .character("G"), effects: []) { $0.scrollOffset(.log) == 0 },
        Case(name: "/ starts a filter", start: model(), key: .character("/"), effects: []) { $0.filterDraft == "" },
        Case(name: "typing extends the filter", start: model { $0.filterDraft = "RA" }, key: .character("C"), effects: []) { $0.filterDraft == "RAC" && $0.filterError == nil },
        Case(name: "an invalid filter says so", start: model { $0.filterDraft = "a" }, key: .character("("), effects: []) { $0.filterError != nil },
        Case(name: "backspace edits the filter", start: model { $0.filterDraft = "ab" }, key: .backspace, effects: []) { $0.filterDraft == "a" },
        Case(name: "Enter applies a valid filter", start: model { $0.filterDraft = "time.?out" }, key: .enter, effects: []) { $0.filter == "time.?out" && $0.filterDraft == nil },
        Case(name: "Enter refuses an invalid filter", start: model { $0.filterDraft = "(" }, key: .enter, effects: [.bell]) { $0.filter == nil && $0.filterDraft == "(" && $0.filterError != nil },
        Case(name: "Esc while typing clears the filter", start: model { $0.filter = "x"; $0.filterDraft = "xy" }, key: .escape, effects: []) { $0.filter == nil && $0.filterDraft == nil },
        Case(name: "n moves to the next match", start: model { $0.filter = "x"; $0.scroll[.log] = 3 }, key: .character("n"), effects: []) { $0.scrollOffset(.log) == 2 },
        Case(name: "N moves to the previous match", start: model { $0.filter = "x"; $0.scroll[.log] = 3 }, key: .character("N"), effects: []) { $0.scrollOffset(.log) == 4 },
        Case(name: "n without a filter explains", start: model(), key: .character("n"), effects: []) { $0.message?.contains("no filter") == true },
        Case(name: "p pauses", start: model(), key: .character("p"), effects: [.freeze(true)]) { $0.paused },
        Case(name: "p resumes", start: model { $0.paused = true }, key: .character("p"), effects: [.freeze(false)]) { !$0.paused },
        Case(name: "d marks a deploy", start: model(), key: .character("d"), effects: [.markDeploy]) { $0.message == "deploy marked" },
        Case(name: "r asks first", start: model(), key: .character("r"), effects: []) { $0.confirmation == .resetWindows },
        Case(name: "y confirms the reset", start: model { $0.confirmation = .resetWindows }, key: .character("y"), effects: [.resetWindows]) { $0.confirmation == nil },
        Case(name: "n cancels the reset", start: model { $0.confirmation = .resetWindows }, key: .character("n"), effects: []) { $0.confirmation == nil && $0.message == "reset cancelled" },
        Case(name: "s saves the report", start: model(), key: .character("s"), effects: [.saveReport]) { _ in true },
        Case(name: "t cycles the theme", start: model { $0.themeIndex = 4 }, key: .character("t"), effects: [.cycleTheme]) { $0.themeIndex == 0 },
        Case(name: "an unknown key does nothing", start: model(), key: .character("z"), effects: []) { $0 == model() },
    ]

    @Test("keys", arguments: cases)
    func key(_ c: Case) {
        let (next, effects) = DashboardUpdate.update(c.start, c.key, scrollLimits: [.log: 30, .duplication: 4])
        #expect(effects == c.effects)
        #expect(c.check(next))
    }
}
