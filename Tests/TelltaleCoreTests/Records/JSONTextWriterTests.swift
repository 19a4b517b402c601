import Testing
@testable import TelltaleCore

@Suite("JSONTextWriter")
struct JSONTextWriterTests {
    /// The report's layout is an interface (`jq`, people, diffs of two runs):
    /// two spaces a level, `": "` after a key, empty containers on one line,
    /// whole numbers below 10^15 without a fraction, others as Swift writes them.
    @Test func prettyLayoutAndNumbers() {
        let value = JSONValue.object([
            ("verdict", .string("pass")),
            ("numbers", .array([.number(0), .number(-0.0), .number(42), .number(-7), .number(0.5),
                                .number(999_999_999_999_999), .number(1e15), .number(1e20), .number(-2.25)])),
            ("empty", .object([])),
            ("none", .array([])),
            ("flags", .object([("up", .bool(true)), ("down", .bool(false)), ("last", .null)])),
            ("say \"hi\"", .array([.object([("tab\there", .string("line\nbreak"))])])),
        ])
        let expected = """
        {
          "verdict": "pass",
          "numbers": [
            0,
            0,
            42,
            -7,
            0.5,
            999999999999999,
            1000000000000000.0,
            1e+20,
            -2.25
          ],
          "empty": {},
          "none": [],
          "flags": {
            "up": true,
            "down": false,
            "last": null
          },
          "say \\"hi\\"": [
            {
              "tab\\there": "line\\nbreak"
            }
          ]
        }
        """
        #expect(value.prettyText == expected)
        #expect(value.jsonText == #"{"verdict":"pass","numbers":[0,0,42,-7,0.5,999999999999999,1000000000000000.0,1e+20,-2.25],"empty":{},"none":[],"flags":{"up":true,"down":false,"last":null},"say \"hi\"":[{"tab\there":"line\nbreak"}]}"#)
    }

    @Test("control bytes and DEL are written as \\u00xx with lowercase hex, other text as it is")
    func escapes() {
        #expect(JSONValue.quote("a\u{01}b\u{1F}c\u{7F}d\u{0B}") == #""a\u0001b\u001fc\u007fd\u000b""#)
        #expect(JSONValue.quote("caf\u{e9} \u{1F600} \\ /") == "\"caf\u{e9} \u{1F600} \\\\ /\"")
        #expect(JSONValue.quote("") == "\"\"")
    }

    /// Random trees of every kind of value, with keys and strings mixing
    /// plain text, escapes and multi-byte characters, read back the same in
    /// both forms.
    @Test func randomValuesReadBack() throws {
        var random = SeededRandom(seed: 0x4A53_4F4E)
        let pieces = ["a", "demo-user-001", "\"", "\\", "\n", "\t", "\u{01}", "\u{7F}", "\u{e9}", "\u{1F600}", " ", "{}", "[,]"]
        func text() -> String { (0..<random.next(5)).map { _ in pieces[random.next(pieces.count)] }.joined() }
        func value(depth: Int) -> JSONValue {
            switch random.next(depth > 3 ? 4 : 6) {
            case 0: return .null
            case 1: return .bool(random.next(2) == 0)
            case 2:
                let whole = Double(random.next(2_000_001) - 1_000_000)
                return .number(random.next(3) == 0 ? whole / 8 : whole)
            case 3: return .string(text())
            case 4: return .array((0..<random.next(4)).map { _ in value(depth: depth + 1) })
            default: return .object((0..<random.next(4)).map { i in (key: text() + "\(i)", value: value(depth: depth + 1)) })
            }
        }
        for _ in 0..<2000 {
            let original = value(depth: 0)
            #expect(JSONValue.parse(original.prettyText) == original, "\(original.prettyText)")
            #expect(JSONValue.parse(original.jsonText) == original, "\(original.jsonText)")
            #expect(!original.jsonText.contains("\n"))
        }
    }
}
