import Testing
@testable import TelltaleCore

/// A JSON entry of a layout met before is parsed from its learned layout, not
/// walked. Whatever the stream, every record must be the one a parser that
/// never saw an entry before gives: same fields, same shape, and the same
/// verdict on whether the bytes are JSON at all.
@Suite("JSON layout cache")
struct JSONLayoutCacheTests {
    /// A record as a fresh parser makes it: without any learned layout.
    private func walked(_ line: String) -> LogRecord {
        var fresh = LineParser()
        return fresh.parse(RawEntry(bytes: Array(line.utf8)), arrival: 0, source: "s")
    }

    private func parse(_ line: String, with parser: inout LineParser) -> LogRecord {
        parser.parse(RawEntry(bytes: Array(line.utf8)), arrival: 0, source: "s")
    }

    /// Values that change a line's bytes but not its layout, or its layout
    /// in ways a learned one must not be mistaken for: escapes, a number or
    /// `null` where a string was, an unterminated string, an invalid escape.
    private static let strings = [
        #""plain words""#, #""""#, #""with \"quotes\" and \\ slashes""#, #""caf\u00e9 \ud83d\ude00""#,
        #""bad \x escape""#, #""SSOT VALIDATION: Multiple manager instances for user demo-user-001""#,
        #""unterminated"#, "12", "-3.5e2", "null", "true", #"{"k": "v"}"#, #"["a", 2]"#, #""2025-09-15T12:00:00.000Z""#,
        #""WARNING""#, #""ERROR""#, #""netra_backend.app.websocket_core""#,
    ]

    /// Layouts of the backend's shapes and of others, with slots `@` for values.
    private static let layouts = [
        #"{"timestamp": @, "severity": @, "service": @, "logger": @, "message": @, "error": {"message": @, "type": @}}"#,
        #"{"severity": @, "message": @, "timestamp": @, "labels": {"module": @, "function": @, "line": @}, "context": {"name": @, "service": @}}"#,
        #"{"insertId": @, "logName": @, "resource": {"type": @, "labels": {"service_name": @, "revision_name": @}}, "severity": @, "timestamp": @, "jsonPayload": {"message": @, "logger": @, "level": @, "labels": {"module": @}}}"#,
        #"{"insertId": @, "resource": {"labels": {"revision_name": @}}, "severity": @, "timestamp": @, "httpRequest": {"requestMethod": @, "requestUrl": @, "status": @, "latency": @}}"#,
        #"{"insertId": @, "logName": @, "resource": {"type": @}, "textPayload": @, "severity": @}"#,
        #"{"level": @, "msg": @, "ts": @, "name": @, "tags": [@, @]}"#,
        // A repeated key (the last wins) and a repeated container.
        #"{"message": @, "severity": @, "message": @, "labels": {"module": @}, "labels": {"module": @}}"#,
        #"{ "severity" : @ , "message" : @ }"#,
        #"{"severity":@,"message":@}"#,
        #"{"\u006dessage": @, "severity": @}"#,
    ]

    private static func fill(_ layout: String, _ random: inout SeededRandom, plainOnly: Bool) -> String {
        var line = ""
        for character in layout {
            guard character == "@" else {
                line.append(character)
                continue
            }
            line += plainOnly ? [#""v\#(random.next(1000))""#, "\(random.next(500))", #""WARNING""#][random.next(3)]
                : strings[random.next(strings.count)]
        }
        return line
    }

    @Test("Every record of a mixed stream is the one a fresh parser makes")
    func mixedStreamMatchesFreshParser() {
        var random = SeededRandom(seed: 20261127)
        var parser = LineParser()
        for _ in 0..<20_000 {
            let layout = Self.layouts[random.next(Self.layouts.count)]
            // Mostly lines whose values keep the layout, as in a real stream.
            var line = Self.fill(layout, &random, plainOnly: random.next(3) != 0)
            switch random.next(12) {
            case 0: line += " \t"
            case 1: line += " x"
            case 2: line += "}"
            case 3: line.removeLast()
            default: break
            }
            #expect(parse(line, with: &parser) == walked(line), "\(line)")
        }
        #expect(parser.layouts.layoutCount > 0)
    }

    @Test("A line of a learned layout is parsed from the layout, with its own values")
    func learnedLayoutGivesTheLinesValues() {
        var parser = LineParser()
        let first = #"{"severity": "INFO", "message": "first", "labels": {"module": "app.a"}, "context": {"name": "n"}}"#
        let second = #"{"severity": "ERROR", "message": "a longer second message", "labels": {"module": "app.bb"}, "context": {"name": "m"}}"#
        _ = parse(first, with: &parser)
        #expect(parser.layouts.layoutCount == 1)
        let record = parse(second, with: &parser)
        #expect(parser.layouts.layoutCount == 1)
        #expect(record.message == "a longer second message")
        #expect(record.severity == .error)
        #expect(record.shape == .appJSON)
        #expect(record == walked(second))
    }

    @Test("A value of another kind, or an invalid one, in a learned layout is walked")
    func otherValueKindsAreWalked() {
        var parser = LineParser()
        _ = parse(#"{"severity": "INFO", "message": "m", "count": 3}"#, with: &parser)
        for line in [
            #"{"severity": "INFO", "message": 42, "count": 3}"#,
            #"{"severity": "INFO", "message": "m", "count": "3"}"#,
            #"{"severity": "INFO", "message": "m", "count": 03}"#,
            #"{"severity": "INFO", "message": "bad \q", "count": 3}"#,
            #"{"severity": "INFO", "message": "m", "count": 3} trailing"#,
            #"{"severity": "INFO", "message": "m", "count": 3"#,
        ] {
            #expect(parse(line, with: &parser) == walked(line), "\(line)")
        }
    }

    @Test("Learning stops at the cap, and parsing stays exact past it")
    func learningIsCapped() {
        var parser = LineParser()
        for k in 0..<(JSONLayoutCache.maxLayouts + 20) {
            let line = #"{"severity": "INFO", "message": "m", "key\#(k)": "v"}"#
            #expect(parse(line, with: &parser) == walked(line))
        }
        #expect(parser.layouts.layoutCount == JSONLayoutCache.maxLayouts)
        let known = #"{"severity": "WARNING", "message": "again", "key3": "w"}"#
        #expect(parse(known, with: &parser) == walked(known))
    }

    @Test("Lines that cannot be learned are walked, and stop learning after a while")
    func unlearnableLinesStopLearning() {
        var parser = LineParser()
        let values = (0...JSONLayoutCache.maxValues).map(String.init).joined(separator: ", ")
        let tooManyValues = #"{"severity": "INFO", "message": "m", "xs": ["# + values + "]}"
        for _ in 0..<(JSONLayoutCache.maxFailedLearns + 5) {
            #expect(parse(tooManyValues, with: &parser) == walked(tooManyValues))
        }
        #expect(parser.layouts.layoutCount == 0)
        let ordinary = #"{"severity": "WARNING", "message": "learnable, but too late"}"#
        #expect(parse(ordinary, with: &parser) == walked(ordinary))
        #expect(parser.layouts.layoutCount == 0)
    }
}
