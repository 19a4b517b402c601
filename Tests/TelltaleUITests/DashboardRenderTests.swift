import Testing
import TelltaleCore
@testable import TelltaleUI

/// Whole frames rendered into memory from fixed watch states and compared with
/// `Expected/*.txt` (text) and `*.roles.txt` (one role letter per cell).
@Suite("Dashboard rendering")
struct DashboardRenderTests {
    struct Size: Sendable, CustomStringConvertible {
        var width: Int
        var height: Int
        var description: String { "\(width)x\(height)" }
    }

    static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 200, height: 60), Size(width: 50, height: 12)]

    private func checkFrame(_ buffer: CellBuffer, _ name: String) throws {
        try ExpectedFile.check(buffer.textLines, named: "\(name).txt")
        try ExpectedFile.check(buffer.roleLines, named: "\(name).roles.txt")
    }

    @Test("the failing deploy at every size", arguments: sizes)
    func failingDeploy(size: Size) throws {
        let snapshot = DashboardFixture.snapshot(try DashboardFixture.failingDeploy())
        let buffer = DashboardRenderer.render(snapshot: snapshot, model: DashboardModel(), glyphs: .unicode, width: size.width, height: size.height)
        try checkFrame(buffer, "failing-\(size)")
    }

    @Test("each panel zoomed at 80x24", arguments: PanelID.allCases)
    func zoomed(panel: PanelID) throws {
        var model = DashboardModel()
        model.focus = panel
        model.zoomed = true
        let snapshot = DashboardFixture.snapshot(try DashboardFixture.failingDeploy())
        let buffer = DashboardRenderer.render(snapshot: snapshot, model: model, glyphs: .unicode, width: 80, height: 24)
        try checkFrame(buffer, "zoomed-\(panel.rawValue)")
    }

    @Test("an empty watch in ASCII at 80x24")
    func emptyASCII() throws {
        let snapshot = DashboardFixture.snapshot(try DashboardFixture.empty())
        let buffer = DashboardRenderer.render(snapshot: snapshot, model: DashboardModel(), glyphs: .ascii, width: 80, height: 24)
        try checkFrame(buffer, "empty-ascii")
        #expect(buffer.textLines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
    }

    @Test("help overlay, filter prompt and pause")
    func overlays() throws {
        let watch = try DashboardFixture.failingDeploy()
        var model = DashboardModel()
        model.helpVisible = true
        let help = DashboardRenderer.render(snapshot: DashboardFixture.snapshot(watch), model: model, glyphs: .unicode, width: 120, height: 40)
        try checkFrame(help, "help-120x40")
        for entry in HelpOverlay.entries {
            #expect(help.textLines.contains { $0.contains(entry.keys) && $0.contains(entry.action) }, "help lists \(entry.keys)")
        }

        var filtering = DashboardModel()
        filtering.filter = "RACE|timeout"
        filtering.filterDraft = "RACE|timeout("
        filtering.filterError = LogFilter.problem(in: "RACE|timeout(")
        filtering.paused = true
        var snapshot = DashboardFixture.snapshot(watch)
        snapshot.liveLineTotal = watch.lines.total + 42
        let frame = DashboardRenderer.render(snapshot: snapshot, model: filtering, glyphs: .unicode, width: 120, height: 40)
        try checkFrame(frame, "filter-paused-120x40")
        #expect(frame.textLines[0].contains("PAUSED +42 lines"))
        #expect(frame.textLines[39].contains("invalid regex"))
    }

    @Test("the log filter keeps only matching entries")
    func filterShowsMatches() throws {
        let snapshot = DashboardFixture.snapshot(try DashboardFixture.failingDeploy())
        var model = DashboardModel()
        model.filter = "Database initialization timeout"
        let shown = LogTailPanel.shown(snapshot, model: model)
        #expect(!shown.isEmpty)
        #expect(shown.allSatisfy { $0.message.contains("Database initialization timeout") })
        #expect(shown.count < snapshot.watch.tail.records.count)
    }

    @Test("alerts mark the panel border and the status light")
    func alertStyles() throws {
        let snapshot = DashboardFixture.snapshot(try DashboardFixture.failingDeploy())
        #expect(snapshot.alert(on: .duplication) != nil)
        let buffer = DashboardRenderer.render(snapshot: snapshot, model: DashboardModel(), glyphs: .unicode, width: 120, height: 40)
        let layout = DashboardLayout.make(width: 120, height: 40, focus: .log, zoomed: false)
        let rect = try #require(layout.panels[.duplication])
        #expect(buffer[rect.x, rect.y].role == .borderAlert)
        #expect(buffer.textLines[0].contains("ALERT"))
        let quiet = DashboardRenderer.render(snapshot: DashboardFixture.snapshot(snapshot.watch, alerts: false), model: DashboardModel(), glyphs: .unicode, width: 120, height: 40)
        #expect(quiet[rect.x, rect.y].role == .border)
    }

    @Test("an unchanged frame writes no cell; the clock alone writes a few")
    func incrementalFlush() throws {
        let watch = try DashboardFixture.failingDeploy()
        let screen = MemoryScreen()
        var snapshot = DashboardFixture.snapshot(watch)
        let render = { (s: DashboardSnapshot) in DashboardRenderer.render(snapshot: s, model: DashboardModel(), glyphs: .unicode, width: 120, height: 40) }
        screen.present(render(snapshot))
        screen.present(render(snapshot))
        snapshot.wallTime += 1
        screen.present(render(snapshot))
        #expect(screen.cellsWritten[0] == 120 * 40)
        #expect(screen.cellsWritten[1] == 0)
        #expect(screen.cellsWritten[2] > 0 && screen.cellsWritten[2] <= 8)
    }
}
