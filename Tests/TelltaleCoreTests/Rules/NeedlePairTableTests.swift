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

    @Test func aNeedleThatOccursIsAlwaysKept() throws {
        let rules = try RuleSet.defaultPack().rules
        let table = try #require(NeedlePairTable(rules))
        var kept = 0
        var occurring = 0
        var needles = 0
        for message in Self.messages(rules, count: 20_000, seed: 9) {
            var text = message
            let keptBits = text.withUTF8 { table.kept(table.sighting(in: $0)) }
            for (index, rule) in rules.enumerated() {
                let mask = table.needles(ofRule: index, kept: keptBits)
                for (k, needle) in rule.containsNeedles.enumerated() {
                    needles += 1
                    if text.withUTF8({ needle.occurs(inBytes: $0) }) {
                        occurring += 1
                        #expect(mask & 1 << UInt64(k) != 0, "\(rule.name) \(needle.bytes): \(message)")
                    }
                    if mask & 1 << UInt64(k) != 0 { kept += 1 }
                }
            }
        }
        #expect(occurring > 5_000)
        // It rules out nearly every needle that does not occur, though these
        // messages are made of the needles' own words (7% are kept).
        #expect(kept < occurring + needles / 10, "\(kept) kept, \(occurring) occurring of \(needles)")
    }

    /// A needle is kept by two pairs of it; one of two bytes has only one.
    @Test func aTwoByteNeedleNeedsOnlyItsPair() throws {
        let rules = try [Rule(name: "short", signal: .websocketWarning, contains: ["q7"]),
                         Rule(name: "long", signal: .websocketWarning, contains: ["queuepool"])]
        let table = try #require(NeedlePairTable(rules))
        func kept(_ message: String, rule: Int) -> Bool {
            var text = message
            return table.needles(ofRule: rule, kept: text.withUTF8 { table.kept(table.sighting(in: $0)) }) != 0
        }
        #expect(kept("a q7 b", rule: 0))
        #expect(!kept("queue shard warm", rule: 1), "the anchor pair alone keeps the rule")
        #expect(kept("a queuepool b", rule: 1))
    }

    /// The needles of one rule are told apart: only those that may occur
    /// are searched. (With a bit per rule, the pairs of two of its needles
    /// kept it, and then every needle of it was searched.)
    @Test func theNeedlesOfOneRuleAreToldApart() throws {
        let rules = try [Rule(name: "first", signal: .websocketWarning, contains: ["x"]),
                         Rule(name: "driver", signal: .databaseTimeout, contains: ["queuepool", "asyncpg", "psycopg2"],
                              caseInsensitive: true)]
        let table = try #require(NeedlePairTable(rules))
        func needles(_ message: String) -> UInt64 {
            var text = message
            return table.needles(ofRule: 1, kept: text.withUTF8 { table.kept(table.sighting(in: $0)) })
        }
        // `pool` holds a pair of `queuepool`, but not its rare `qu`.
        let asyncpg = needles("pool timeout from AsyncPG driver")
        #expect(asyncpg & 0b010 != 0 && asyncpg & 0b001 == 0)
        #expect(needles("psycopg2 and queuepool") & 0b101 == 0b101)
        #expect(needles("ok") == 0)
        #expect(table.needles(ofRule: 0, kept: "a".utf8.withContiguousStorageIfAvailable { table.kept(table.sighting(in: $0)) }!) == 1,
                "a one-byte needle is always searched")
    }

    /// More needles than a mask has bits: a bit per rule, and `classify`
    /// still finds every match; more rules than that: no table at all.
    @Test(arguments: [40, 70])
    func aLargeRuleSetIsSearchedRuleByRule(ruleCount: Int) throws {
        let many = try (0..<ruleCount).map {
            try Rule(name: "r\($0)", signal: .websocketWarning, contains: ["needle<\($0)>", "pin<\($0)>"])
        }
        #expect((NeedlePairTable(many) == nil) == (ruleCount > 64))
        let rules = RuleSet(rules: many)
        let matches = rules.classify(LogRecord(severity: .warning, message: "a needle<39> and a pin<7>"))
        #expect(matches.map(\.rule) == ["r7", "r39"])
        #expect(rules.classify(LogRecord(severity: .warning, message: "a needle<3 and pin 7")).isEmpty)
    }
}
