import Testing
@testable import TelltaleCore

@Suite("DurationText")
struct DurationTextTests {
    @Test("parses what people type", arguments: [
        ("15m", 900.0), ("20s", 20), ("1h30m", 5400), ("500ms", 0.5), ("2.5s", 2.5), ("3", 3), ("1d", 86400),
    ])
    func parse(text: String, seconds: Double) {
        #expect(DurationText.parse(text) == seconds)
    }

    @Test("refuses what is not a duration", arguments: ["", "m", "15x", "-3", "1 5m", "abc"])
    func refuse(text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test func formats() {
        #expect(DurationText.format(seconds: 0.25) == "250ms")
        #expect(DurationText.format(seconds: 5) == "5s")
        #expect(DurationText.format(seconds: 372) == "6m12s")
        #expect(DurationText.format(seconds: 3720) == "1h02m")
        #expect(DurationText.format(seconds: 2.5) == "2.5s")
    }
}
