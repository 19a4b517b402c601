import Testing
@testable import TelltaleUI

/// A cell is stored as a number; its text must come back exactly as written.
@Suite("Cell")
struct CellTests {
    @Test(arguments: [" ", "a", "─", "★", "é", "e\u{301}", "👍🏽", "🇫🇷", "", "界", "\u{FFFD}"])
    func textRoundTrips(text: String) {
        let cell = Cell(text, role: .warn, attributes: .bold)
        #expect(cell.text == text)
        #expect(cell.role == .warn)
        #expect(cell.attributes == .bold)
    }

    @Test func equalTextsGiveEqualCellsAndDifferentOnesDoNot() {
        #expect(Cell("e\u{301}") == Cell("e\u{301}"))
        #expect(Cell("a") == Cell(scalar: "a"))
        #expect(Cell("a") != Cell("a", role: .muted))
        #expect(Cell("") != Cell(" "))
    }

    @Test func writingTextReplacesIt() {
        var cell = Cell("x")
        cell.text = "👍🏽"
        #expect(cell.text == "👍🏽")
        cell.text = "y"
        #expect(cell.text == "y")
    }
}
