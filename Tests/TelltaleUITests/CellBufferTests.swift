import Testing
import TelltaleCore
@testable import TelltaleUI

@Suite("Cell buffer, layout, sparkline, alerts")
struct CellBufferTests {
    @Test("text is clipped at the limit and wide characters take two cells")
    func put() {
        var buffer = CellBuffer(width: 6, height: 1)
        let end = buffer.put("a日本b", x: 0, y: 0, role: .warn)
        #expect(end == 6)
        #expect(buffer.textLines == ["a日本b"])
        #expect(buffer[2, 0].text == "")
        var clipped = CellBuffer(width: 4, height: 1)
        clipped.put("ab日", x: 0, y: 0, limit: 3)
        #expect(clipped.textLines == ["ab  "])
    }

    @Test("diff reports only changed runs")
    func diff() {
        var a = CellBuffer(width: 10, height: 2)
        a.put("hello", x: 0, y: 0)
        var b = a
        b.put("J", x: 0, y: 0)
        b.put("xy", x: 5, y: 1, role: .crit)
        #expect(b.diff(from: a) == [CellBuffer.Run(x: 0, y: 0, count: 1), CellBuffer.Run(x: 5, y: 1, count: 2)])
        #expect(a.diff(from: a).isEmpty)
        #expect(a.diff(from: nil).count == 2)
        #expect(a.diff(from: CellBuffer(width: 3, height: 3)).count == 2)
    }

    @Test("layouts fit the terminal", arguments: [(80, 24), (120, 40), (200, 60), (60, 16)])
    func layoutFits(width: Int, height: Int) {
        let layout = DashboardLayout.make(width: width, height: height, focus: .log, zoomed: false)
        #expect(!layout.tooSmall)
        for (panel, rect) in layout.panels {
            #expect(rect.x >= 0 && rect.maxX <= width && rect.y >= 1 && rect.maxY <= height - 1, "\(panel)")
            #expect(rect.height >= 3, "\(panel) is \(rect)")
        }
        let expected = width >= 120 && height >= 36 ? PanelID.allCases.count : PanelID.allCases.count - 1
        #expect(layout.panels.count == expected)
    }

    @Test("below the minimum the layout says so")
    func tooSmall() throws {
        #expect(DashboardLayout.make(width: 59, height: 30, focus: .log, zoomed: false).tooSmall)
        let buffer = DashboardRenderer.render(snapshot: DashboardFixture.snapshot(try DashboardFixture.empty()), model: DashboardModel(), glyphs: .unicode, width: 40, height: 10)
        #expect(buffer.textLines.contains { $0.contains("terminal too small") })
        #expect(buffer.textLines.contains { $0.contains("need 60×16") })
    }

    @Test("sparkline scales to its maximum and shows gaps", arguments: [
        ([0.0, 1, 2, 4] as [Double?], "▁▃▅█"),
        ([nil, 3, 0] as [Double?], " █▁"),
        ([0.0, 0] as [Double?], "▁▁"),
    ])
    func sparkline(values: [Double?], expected: String) {
        #expect(Sparkline.render(values, width: 10, glyphs: .unicode) == expected)
    }

    @Test("alerts raise once, stay active, and clear")
    func alerts() throws {
        var evaluator = AlertEvaluator()
        var watch = try DashboardFixture.failingDeploy()
        // The fixture's database timeout came before the deploy: no alert for it.
        #expect(evaluator.evaluate(watch).raised.map(\.kind) == [.duplication])
        watch.ingest(LogRecord(
            time: watch.now! + 1, severity: .error,
            message: "Database initialization timeout after 8.0s in staging environment. This may indicate Cloud SQL connection issues.",
            loggers: ["netra_backend.app.smd"], shape: .appJSON))
        #expect(evaluator.evaluate(watch).raised.map(\.kind) == [.databaseTimeout])
        #expect(evaluator.evaluate(watch).raised.isEmpty)
        #expect(evaluator.active.count == 2)
        let cleared = evaluator.evaluate(try DashboardFixture.empty())
        #expect(cleared.cleared.count == 2)
        #expect(evaluator.active.isEmpty)
    }

    @Test("health down for three polls raises an alert")
    func healthDown() throws {
        var evaluator = AlertEvaluator()
        var watch = try DashboardFixture.empty()
        for i in 0..<3 {
            watch.ingest(HealthResult(endpoint: "/health", time: 100 + Double(i), error: .connectionRefused))
            let changes = evaluator.evaluate(watch)
            #expect(changes.raised.contains { $0.kind == .healthDown } == (i == 2), "poll \(i + 1)")
        }
    }
}
