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

    /// A Cloud Logging request line whose revision, method and status are
    /// the ones given; the rest changes with `k`.
    private static func request(_ k: Int, revision: String, method: String = "GET", status: String = "200") -> String {
        #"{"insertId": "id\#(k)", "resource": {"type": "cloud_run_revision", "labels": {"revision_name": "\#(revision)"}}, "# +
            #""severity": "INFO", "timestamp": "2025-09-15T12:00:\#(k % 60).000Z", "httpRequest": {"requestMethod": "\#(method)", "# +
            #""requestUrl": "/api/\#(k)", "status": \#(status), "latency": "0.0\#(k % 10)s"}}"#
    }

    @Test("Values that repeat are folded into a variant; a changed one falls back, and the next run folds again")
    func repeatingValuesAreFolded() {
        var parser = LineParser()
        var k = 0
        let watch = JSONRepeatWatch.self
        for _ in 0..<(watch.firstLook + watch.window + 10) {
            let line = Self.request(k, revision: "rev-00642")
            #expect(parse(line, with: &parser) == walked(line))
            k += 1
        }
        #expect(parser.layouts.variantCount == 1)
        // Another method: the variant fails after a value it left a value,
        // and the walk goes back to the layout (which watches again, so
        // these lines must reach it).
        for _ in 0..<(watch.lookAgain + watch.window + 10) {
            let line = Self.request(k, revision: "rev-00642", method: "POST")
            #expect(parse(line, with: &parser) == walked(line), "\(line)")
            k += 1
        }
        #expect(parser.layouts.variantCount == 2)
        // A deploy: the folded revision differs at the variants' first segment.
        for _ in 0..<(watch.lookAgain + watch.window + 10) {
            let line = Self.request(k, revision: "rev-00643")
            #expect(parse(line, with: &parser) == walked(line), "\(line)")
            k += 1
        }
        #expect(parser.layouts.variantCount == 3)
        // Folded values that change in place: another method, a number
        // longer or with a fraction where `200` was folded, an escape.
        for line in [
            Self.request(k, revision: "rev-00643", method: "POST"),
            Self.request(k, revision: "rev-00643", status: "2000"),
            Self.request(k, revision: "rev-00643", status: "200.5"),
            Self.request(k, revision: "rev-00643", status: "20"),
            Self.request(k, revision: "rev-00642"),
            Self.request(k, revision: #"rev-\"00643"#),
            Self.request(k, revision: "rev-00643") + " x",
        ] {
            #expect(parse(line, with: &parser) == walked(line), "\(line)")
        }
    }

    @Test("Folded values keep their escapes, and an empty folded string is still a string")
    func foldedEscapesAndEmptyStrings() {
        var parser = LineParser()
        let count = JSONRepeatWatch.firstLook + JSONRepeatWatch.window + 10
        for k in 0..<count {
            let line = #"{"severity": "INFO", "message": "m\#(k)", "service": "", "# +
                #""labels": {"module": "caf\u00e9 \"q\""}, "context": {"name": "n\#(k)"}}"#
            #expect(parse(line, with: &parser) == walked(line), "\(line)")
        }
        #expect(parser.layouts.variantCount == 1)
    }

    @Test("A stream whose values repeat in runs and change reads as a fresh parser reads it")
    func runsOfRepeatingValuesMatchFreshParser() {
        var random = SeededRandom(seed: 4242)
        var parser = LineParser()
        let pools = [
            [#""INFO""#, #""WARNING""#], [#""netra-backend""#, #""other""#], ["200", "503", "2000"],
            [#""rev-1""#, #""rev-2""#, #""rev-\"3""#], [#""""#, #""x""#], [#""GET""#, #""POST""#],
        ]
        // Each slot of each layout takes its value from a pool, kept for a
        // run of lines: folded while the run lasts, changed after it.
        var chosen = [[Int]](repeating: [Int](repeating: 0, count: 64), count: Self.layouts.count)
        for n in 0..<30_000 {
            let index = random.next(Self.layouts.count)
            if random.next(400) == 0 {
                chosen[index] = (0..<64).map { _ in random.next(3) }
            }
            var line = ""
            var slot = 0
            for character in Self.layouts[index] {
                guard character == "@" else {
                    line.append(character)
                    continue
                }
                let pool = pools[slot % pools.count]
                // Some slots always vary, as timestamps and messages do.
                line += slot % 3 == 2 ? #""v\#(n)""# : pool[chosen[index][slot] % pool.count]
                slot += 1
            }
            if random.next(50) == 0 { line += " x" }
            #expect(parse(line, with: &parser) == walked(line), "\(line)")
        }
        #expect(parser.layouts.variantCount > 0)
    }

    @Test("A token stored at a field's offset is the field's token, and no other's")
    func storageOffsetsNameTheirFields() {
        let fields = JSONLogFields.Field.allCases
        #expect(Set(fields.map(JSONLogFields.storageOffset)).count == fields.count)
        for (k, field) in fields.enumerated() {
            var table = JSONLogFields()
            let token = JSONToken(kind: .string, start: k + 1, end: k + 2)
            withUnsafeMutableBytes(of: &table) {
                $0.storeBytes(of: Optional(token), toByteOffset: JSONLogFields.storageOffset(of: field), as: JSONToken?.self)
            }
            for other in fields {
                #expect(table.token(other)?.start == (other == field ? k + 1 : nil), "\(field) \(other)")
            }
        }
    }
}
