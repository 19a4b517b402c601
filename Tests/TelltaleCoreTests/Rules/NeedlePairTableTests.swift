import Testing
@testable import TelltaleCore

/// The pair table may keep a rule that cannot match, never drop one that can:
/// `classify` with it must give exactly what every rule's own `match` gives.
@Suite("Needle pair table")
struct NeedlePairTableTests {
    /// Messages of random words, half of them holding a needle of a random
    /// rule, in random case where that rule folds case.
    static func messages(_ rules: [Rule], count: Int, seed: UInt64) -> [String] {
        var random = SeededRandom(seed: seed)
        let words = ["ok", "user", "demo-user-001", "WebSocket", "pool", "Database", "timeout", "x", "q", "connection", "_", "::"]
        return (0..<count).map { round in
            var message = (0..<random.next(12)).map { _ in words[random.next(words.count)] }.joined(separator: " ")
            if round % 2 == 0 {
                let rule = rules[random.next(rules.count)]
                let needles = rule.contains + rule.notContains
                guard !needles.isEmpty else { return message }
                var planted = needles[random.next(needles.count)]
                if rule.caseInsensitive {
                    planted = String(planted.map { random.next(2) == 0 ? Character($0.uppercased()) : Character($0.lowercased()) })
                }
                let cut = message.index(message.startIndex, offsetBy: random.next(message.count + 1))
                message.insert(contentsOf: planted, at: cut)
            }
            return message
        }
    }

    @Test func classifyMatchesWhatEveryRuleSays() throws {
        let rules = try RuleSet.defaultPack()
        var random = SeededRandom(seed: 3)
        var matched = 0
        for message in Self.messages(rules.rules, count: 20_000, seed: 5) {
            let severity: Severity = [.info, .warning, .error][random.next(3)]
            let loggers = random.next(4) == 0 ? ["netra_backend.app.websocket_core.websocket_manager"] : ["app.api"]
            let record = LogRecord(severity: severity, message: message, loggers: loggers)
            let expected = rules.rules.compactMap { $0.match(record) }
            #expect(rules.classify(record) == expected, "\(severity) \(message)")
            if !expected.isEmpty { matched += 1 }
        }
        #expect(matched > 5_000)
    }

    @Test func aRuleWhoseNeedleOccursIsAlwaysKept() throws {
        let rules = try RuleSet.defaultPack().rules
        let table = try #require(NeedlePairTable(rules))
        var kept = 0
        var occurring = 0
        for message in Self.messages(rules, count: 20_000, seed: 9) {
            var text = message
            let mask = text.withUTF8 { table.rulesThatMayMatch($0) }
            for (index, rule) in rules.enumerated() {
                let occurs = text.withUTF8 { bytes in rule.containsNeedles.contains { $0.occurs(inBytes: bytes) } }
                if occurs {
                    occurring += 1
                    #expect(mask & 1 << UInt32(index) != 0, "\(rule.name): \(message)")
                }
                if mask & 1 << UInt32(index) != 0 { kept += 1 }
            }
        }
        #expect(occurring > 5_000)
        // It rules out most rules for most messages.
        #expect(kept < occurring + 20_000 * rules.count / 4)
    }

    /// A needle is kept by two pairs of it; one of two bytes has only one.
    @Test func aTwoByteNeedleNeedsOnlyItsPair() throws {
        let rules = try [Rule(name: "short", signal: .websocketWarning, contains: ["q7"]),
                         Rule(name: "long", signal: .websocketWarning, contains: ["queuepool"])]
        let table = try #require(NeedlePairTable(rules))
        func kept(_ message: String) -> UInt32 {
            var text = message
            return text.withUTF8 { table.rulesThatMayMatch($0) }
        }
        #expect(kept("a q7 b") & 1 != 0)
        #expect(kept("queue shard warm") & 2 == 0, "the anchor pair alone keeps the rule")
        #expect(kept("a queuepool b") & 2 != 0)
    }

    /// More rules than a mask has bits: no table, and `classify` still
    /// finds every match.
    @Test func aLargeRuleSetIsSearchedRuleByRule() throws {
        let many = try (0..<40).map { try Rule(name: "r\($0)", signal: .websocketWarning, contains: ["needle<\($0)>"]) }
        #expect(NeedlePairTable(many) == nil)
        let rules = RuleSet(rules: many)
        let matches = rules.classify(LogRecord(severity: .warning, message: "a needle<39> and a needle<7>"))
        #expect(matches.map(\.rule) == ["r7", "r39"])
    }
}
