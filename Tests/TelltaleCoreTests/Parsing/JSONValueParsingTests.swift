import Testing
@testable import TelltaleCore

@Suite("JSONValue.parse")
struct JSONValueParsingTests {
    /// What a report writes reads back as the same string: plain text is
    /// written as it is, quotes, backslashes and control bytes escaped.
    @Test(arguments: ["demo-user-001", "", "caf\u{e9} \u{1F600}", "say \"hi\"", #"C:\tmp\x"#, "tab\tnew\nline\r",
                      "bell\u{07} esc\u{1B}[0m del\u{7F}"])
    func aWrittenStringReadsBack(text: String) throws {
        let written = JSONValue.string(text).jsonText
        #expect(JSONValue.parse(written) == .string(text), "\(written)")
        #expect(written.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }, "\(written)")
        if !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\"" || $0 == "\\" || $0.value == 0x7F }) {
            #expect(written == "\"" + text + "\"")
        }
    }

    @Test func healthBodies() throws {
        let healthy = try #require(JSONValue.parse(try ParsingFixtures.bytes("health/healthy-200.json")))
        #expect(healthy["status"] == .string("healthy"))
        #expect(healthy["timestamp"] == .number(1757939142.318))

        let degraded = try #require(JSONValue.parse(try ParsingFixtures.text("health/backend-degraded-200.json")))
        #expect(degraded["status"] == .string("degraded"))
        #expect(degraded.value(atPath: "capabilities.database_connectivity") == .bool(false))
        #expect(degraded["readiness_score"] == .number(0.6))
        #expect(degraded["failed_services"] == .object([]))
        #expect(degraded["degraded_services"] == .array([.object([
            (key: "service", value: .string("llm")), (key: "status", value: .string("timeout")),
            (key: "message", value: .string("LLM service timed out - graceful degradation active")),
        ])]))

        let starting = try #require(JSONValue.parse(try ParsingFixtures.bytes("health/startup-in-progress-503.json")))
        #expect(starting.value(atPath: "details.phase") == .string("database"))
        #expect(starting["startup_in_progress"] == .bool(true))

        #expect(JSONValue.parse(try ParsingFixtures.bytes("health/ready-200.json"))?.value(atPath: "websocket_readiness.ready") == .bool(true))
        #expect(JSONValue.parse(try ParsingFixtures.bytes("health/ready-db-down-503.json"))?["detail"] == .string("Core database unavailable"))
        #expect(JSONValue.parse(try ParsingFixtures.bytes("health/startup-failed-503.json"))?["startup_failed"] == .bool(true))
        #expect(JSONValue.parse(try ParsingFixtures.bytes("health/platform-503.txt")) == nil)
    }

    @Test("valid documents", arguments: [
        ("  {\"a\": [1, -2.5e3, true, false, null, \"x\"]}\n", JSONValue.object([(key: "a", value: .array([.number(1), .number(-2500), .bool(true), .bool(false), .null, .string("x")]))])),
        ("\"\\u00e9\\ud83d\\ude00\\n\\\"\"", .string("é😀\n\"")),
        ("\"\\ud800 lone\"", .string("\u{FFFD} lone")),
        ("0", .number(0)),
        ("[]", .array([])),
        ("{\"k\":1,\"j\":2,\"k\":3}", .object([(key: "k", value: .number(3)), (key: "j", value: .number(2))])),
    ])
    func valid(text: String, expected: JSONValue) {
        #expect(JSONValue.parse(text) == expected)
    }

    @Test("garbage gives nil", arguments: [
        "", "   ", "{", "}", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "01", "1.", "-", "+1", ".5", "1e", "tru", "nul",
        "\"unterminated", "\"bad \\x escape\"", "\"raw\u{01}control\"", "{} {}", "[1] x", "{'a':1}", "NaN", "[1 2]",
        "{\"a\":}", "\u{FEFF}{}", "{\"a\":1}}",
    ])
    func garbage(text: String) {
        #expect(JSONValue.parse(text) == nil)
    }

    @Test func depthIsLimited() {
        let ok = String(repeating: "[", count: JSONValue.maxParseDepth) + String(repeating: "]", count: JSONValue.maxParseDepth)
        #expect(JSONValue.parse(ok) != nil)
        let tooDeep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(JSONValue.parse(tooDeep) == nil)
        let unclosed = String(repeating: "{\"a\":", count: 10_000)
        #expect(JSONValue.parse(unclosed) == nil)
    }

    @Test func neverTrapsOnRandomBytes() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("{}[],:\"\\ntrufalse0123456789.-eE u".utf8) + [0x00, 0xFF]
        for _ in 0..<2_000 {
            let length = Int.random(in: 0..<40, using: &generator)
            let bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
            _ = JSONValue.parse(bytes)
            var parser = LineParser()
            let record = parser.parse(RawEntry(bytes: bytes), arrival: 0, source: "")
            #expect(!record.message.unicodeScalars.contains { $0.value < 0x20 })
        }
    }
}
