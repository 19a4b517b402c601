import Testing
@testable import TelltaleCore

/// The one-pass prefilter may say "maybe" too often, never "no" wrongly:
/// whenever a needle occurs (as `TextNeedle` finds it), it must say maybe.
@Suite("Needle prefilter")
struct NeedlePrefilterTests {
    static let needles: [(String, Bool)] = [
        ("UnifiedIDManager initialized", false), ("user_id: ", false),
        ("database connection established", true), ("DUPLICATE CONNECTION", false),
        ("websocket", true), ("a_B-9", true), ("Zz", true),
        // Needles whose rarest byte is their last: the pair ends with it.
        ("ab!", false), ("xyq", true),
    ]

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func aNeedleAnywhereIsNeverRuledOut() {
        var state: UInt64 = 7
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % n
        }
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-:".utf8)
        let textNeedles = Self.needles.map { TextNeedle($0.0, foldsCase: $0.1) }
        let prefilter = NeedlePrefilter(textNeedles)
        var maybes = 0
        var occurrences = 0
        for round in 0..<20_000 {
            var message = (0..<next(90)).map { _ in alphabet[next(alphabet.count)] }
            if round % 3 == 0 {
                // Plant a needle, in random case where it folds, at any offset.
                let (text, folds) = Self.needles[next(Self.needles.count)]
                var planted = Self.bytes(text)
                if folds { planted = planted.map { next(2) == 0 ? $0 : ($0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0) } }
                message.insert(contentsOf: planted, at: next(message.count + 1))
            }
            let occurs = message.withUnsafeBufferPointer { p in textNeedles.contains { $0.occurs(inBytes: p) } }
            let maybe = message.withUnsafeBufferPointer { prefilter.mayMatch($0) }
            if occurs {
                occurrences += 1
                #expect(maybe, "\(String(decoding: message, as: UTF8.self))")
            }
            if maybe { maybes += 1 }
        }
        #expect(occurrences > 6_000)
        // It rules out most messages that hold no needle.
        #expect(maybes < occurrences + 4_000)
    }

    @Test func aSingleByteNeedleIsAlwaysSearched() {
        let prefilter = NeedlePrefilter([TextNeedle("x", foldsCase: false), TextNeedle("websocket", foldsCase: true)])
        #expect(Self.bytes("nothing here").withUnsafeBufferPointer { prefilter.mayMatch($0) })
    }

    @Test func noNeedlesRuleOutEverything() {
        let prefilter = NeedlePrefilter([])
        #expect(!Self.bytes("websocket").withUnsafeBufferPointer { prefilter.mayMatch($0) })
    }

    /// `RuleSet.rejectsAll` answers as `classify` does on the default pack.
    @Test(arguments: [
        ("UnifiedIDManager initialized", Severity.info, false),
        ("Heartbeat ok for user demo-user-001 after 15 ms", .info, true),
        ("auth user_id: u1, connection: c1", .info, false),
        // `user_id: ` without the `, connection: ` its regex requires.
        ("auth ok for user_id: u1", .info, true),
        ("Database Connection Established after retry", .info, false),
        ("Heartbeat ok", .warning, false),
        ("Heartbeat ok", .debug, true),
    ])
    func theDefaultPackIsRuledOutOnlyWhenNothingMatches(message: String, severity: Severity, rejected: Bool) throws {
        let rules = try RuleSet.defaultPack()
        var text = message
        let actual = text.withUTF8 { rules.rejectsAll(severity: severity, message: $0) }
        #expect(actual == rejected)
        if actual {
            #expect(rules.classify(LogRecord(severity: severity, message: message)).isEmpty)
        }
    }

    /// A rule whose regex requires a longer literal than its `contains` is
    /// ruled out by that literal, and so is a rule that also looks at loggers
    /// (the regex reads only the message).
    @Test func aRegexLiteralRulesOutEntriesItsContainsAndLoggersCouldNot() throws {
        let user = try Rule(name: "user", signal: .idBinding, minSeverity: .info, contains: ["user: "],
                            regex: #"user: (?<user>\S+) bound to connection (?<entity>\S+)"#)
        let logger = try Rule(name: "logger", signal: .idBinding, minSeverity: .info, loggers: ["app.auth"],
                              regex: #"session (?<entity>\S+) restored for (?<user>\S+)"#)
        #expect(user.messageNeedles?.map(\.bytes) == [Array(" bound to connection ".utf8)])
        #expect(logger.messageNeedles?.map(\.bytes) == [Array(" restored for ".utf8)])
        let rules = RuleSet(rules: [user, logger])
        for (message, rejected) in [("user: u1 is back", true), ("user: u1 bound to connection c1", false),
                                    ("session s1 restored for u1", false), ("session s1 closed", true)] {
            var text = message
            #expect(text.withUTF8 { rules.rejectsAll(severity: .info, message: $0) } == rejected, "\(message)")
            let record = LogRecord(severity: .info, message: message, loggers: ["app.auth"])
            #expect(rules.classify(record).isEmpty == rejected, "\(message)")
        }
    }

    /// The longer `contains` needle stays when the regex's literal is shorter.
    @Test func aLongerContainsNeedleIsKept() throws {
        let rule = try Rule(name: "r", signal: .idBinding, contains: ["connection registered twice"],
                            regex: #"user (?<user>\S+)"#)
        #expect(rule.messageNeedles?.map(\.bytes) == [Array("connection registered twice".utf8)])
    }

    /// Where a needle could be formed by a marker put into a text: overlapping
    /// it and agreeing wherever it overlaps, at either end, inside or around it.
    @Test(arguments: [
        ("database connection established", true, false), ("[REDACTED]", false, true), ("D]", false, true),
        ("d]", false, false), ("d]", true, true), ("ED] ok", false, true), ("key=[r", true, true),
        ("key=[r", false, false), ("act", true, true), ("see [redacted] here", true, true),
        ("redacted", false, false), ("]x[", false, true), ("x]y", false, false),
    ])
    func aNeedleMayOccurAcrossAMarkerOnlyWhereItAgreesWithIt(needle: String, foldsCase: Bool, expected: Bool) {
        #expect(TextNeedle(needle, foldsCase: foldsCase).mayOccur(across: Array("[REDACTED]".utf8)) == expected)
    }

    @Test func theDefaultPackHasNoNeedleTheMarkerCouldForm() throws {
        #expect(try RuleSet.defaultPack().markerFormsNoNeedle)
        let rule = try Rule(name: "r", signal: .websocketWarning, contains: ["token=[redacted"], caseInsensitive: true)
        #expect(!RuleSet(rules: try RuleSet.defaultPack().rules + [rule]).markerFormsNoNeedle)
    }
}
