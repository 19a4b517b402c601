import Testing
@testable import TelltaleCore

@Suite("RuleSet")
struct RuleSetTests {
    private func rule(_ name: String, _ signal: Signal = .databaseError, contains: String = "x",
                      minSeverity: Severity = .default, disabled: Bool = false) throws -> Rule {
        try Rule(name: name, signal: signal, minSeverity: minSeverity, contains: [contains], disabled: disabled)
    }

    @Test("classify returns every matching rule's match in rule order")
    func classifyAll() throws {
        let set = RuleSet(rules: [
            try rule("first", .databaseTimeout, contains: "db"),
            try rule("second", .databaseError, contains: "down"),
            try rule("third", .databaseRecovered, contains: "up"),
        ])
        let matches = set.classify(LogRecord(severity: .error, message: "db down"))
        #expect(matches.map(\.rule) == ["first", "second"])
        #expect(matches.map(\.signal) == [.databaseTimeout, .databaseError])
        #expect(RuleSet().classify(LogRecord(message: "db")) == [])
    }

    @Test("the severity floor follows the rules, including after they change")
    func severityFloor() throws {
        var set = RuleSet(rules: [try rule("w", contains: "a", minSeverity: .warning),
                                  try rule("e", contains: "a", minSeverity: .error)])
        #expect(set.classify(LogRecord(severity: .info, message: "a")).isEmpty)
        #expect(set.classify(LogRecord(severity: .warning, message: "a")).map(\.rule) == ["w"])
        set.rules.append(try rule("i", contains: "a", minSeverity: .info))
        #expect(set.classify(LogRecord(severity: .info, message: "a")).map(\.rule) == ["i"])
    }

    @Test("merging replaces same names in place, appends new ones, drops disabled ones")
    func merging() throws {
        let defaults = RuleSet(rules: [try rule("a"), try rule("b"), try rule("c"), try rule("d")])
        let merged = defaults.merging(
            [try rule("b", .databaseTimeout, contains: "new"), try rule("e"), try rule("d", disabled: true)],
            disabling: ["c", "unknown-name"])
        #expect(merged.rules.map(\.name) == ["a", "b", "e"])
        #expect(merged.rules[1].signal == .databaseTimeout)
        #expect(merged.rules[1].contains == ["new"])
        #expect(merged.classify(LogRecord(message: "new")).map(\.rule) == ["b"])
    }

    @Test("merging onto the default pack overrides a default rule by name")
    func mergingDefaults() throws {
        let pack = try RuleSet.defaultPack()
        let strict = try Rule(name: "id-manager-initialized", signal: .idManagerInitialized,
                              contains: ["IDManager ready"])
        let merged = pack.merging([strict], disabling: ["websocket-warning"])
        #expect(merged.rules.count == pack.rules.count - 1)
        #expect(!merged.rules.contains { $0.name == "websocket-warning" })
        #expect(merged.classify(LogRecord(message: "UnifiedIDManager initialized")).isEmpty)
        #expect(merged.classify(LogRecord(message: "IDManager ready")).map(\.rule) == ["id-manager-initialized"])
    }

    @Test("a rule pack loads every key of the schema")
    func loadsSchema() throws {
        let yaml = """
        rules:
          - name: full
            signal: duplication
            min_severity: warn
            loggers: [netra_backend.app.websocket_core]
            contains: ["Multiple manager instances for user"]
            in: either
            not_contains: ["deduplication"]
            case_insensitive: true
            regex: 'for user (?<user>\\S+)'
            disabled: false
          - name: minimal
            signal: id-manager-initialized
            contains: UnifiedIDManager initialized
        """
        let set = try RuleSet.load(yaml: yaml, file: "pack.yaml")
        let full = try #require(set.rules.first)
        #expect(full.name == "full")
        #expect(full.signal == .duplication)
        #expect(full.minSeverity == .warning)
        #expect(full.loggers == ["netra_backend.app.websocket_core"])
        #expect(full.contains == ["Multiple manager instances for user"])
        #expect(full.searchScope == .either)
        #expect(full.notContains == ["deduplication"])
        #expect(full.caseInsensitive)
        #expect(full.regex == #"for user (?<user>\S+)"#)
        #expect(!full.disabled)
        let minimal = set.rules[1]
        #expect(minimal.contains == ["UnifiedIDManager initialized"])
        #expect(minimal.minSeverity == .default)
        #expect(minimal.searchScope == .message)
        #expect(!minimal.caseInsensitive)
        let match = try #require(full.match(LogRecord(
            severity: .warning, message: "multiple MANAGER instances for user u-1",
            loggers: ["netra_backend.app.websocket_core.x"])))
        #expect(match.values("user") == ["u-1"])
    }

    // The pack is composed with Yams' basic resolver, which tags every plain
    // scalar a string: booleans are read here, as the YAML 1.1 resolver read them.
    @Test("booleans are YAML 1.1's plain words in its three spellings; quoted or other spellings are refused", arguments: [
        ("true", true), ("True", true), ("TRUE", true), ("yes", true), ("Yes", true), ("on", true), ("ON", true),
        ("false", false), ("False", false), ("no", false), ("NO", false), ("off", false), ("Off", false),
        ("tRUE", nil), ("\"true\"", nil), ("'yes'", nil), ("1", nil), ("y", nil),
    ] as [(String, Bool?)])
    func yamlBooleans(text: String, expected: Bool?) throws {
        let yaml = "rules:\n  - name: a\n    signal: duplication\n    contains: [x]\n    case_insensitive: \(text)\n    disabled: \(text)\n"
        guard let expected else {
            #expect(throws: ConfigError.self) { try RuleSet.load(yaml: yaml, file: "p.yaml") }
            return
        }
        // A disabled rule is still loaded; merging drops it.
        let rule = try #require(try RuleSet.load(yaml: yaml, file: "p.yaml").rules.first)
        #expect(rule.caseInsensitive == expected)
        #expect(rule.disabled == expected)
    }

    @Test("an empty or comment-only pack is empty", arguments: ["", "# nothing yet\n", "rules: []", "rules:\n"])
    func emptyPack(yaml: String) throws {
        #expect(try RuleSet.load(yaml: yaml, file: "p.yaml").rules.isEmpty)
    }

    @Test("broken packs name file, line and the problem", arguments: [
        ("rules:\n  - name: a\n    signal: duplication\n    contain: [x]\n", 4, "unknown key 'contain'"),
        ("rules:\n  - name: a\n    signal: dupes\n    contains: [x]\n", 3, "unknown signal 'dupes'"),
        ("rules:\n  - name: a\n    signal: duplication\n    min_severity: LOUD\n    contains: [x]\n", 4, "unknown severity 'LOUD'"),
        ("rules:\n  - name: a\n    signal: duplication\n    contains: [x]\n    regex: '(?<user>[a-z'\n", 5, "invalid regex"),
        ("rules:\n  - name: a\n    signal: duplication\n    min_severity: WARNING\n", 2, "needs at least one of contains, regex or loggers"),
        ("rules:\n  - name: a\n    signal: duplication\n    contains: [x]\n  - name: a\n    signal: duplication\n    contains: [y]\n", 5, "duplicate rule name 'a'"),
        ("rules:\n  - signal: duplication\n    contains: [x]\n", 2, "rule has no name"),
        ("rules:\n  - name: a\n    contains: [x]\n", 2, "has no signal"),
        ("rules:\n  - name: a\n    signal: duplication\n    contains: [x]\n    in: body\n", 5, "unknown value 'body' for 'in'"),
        ("rules:\n  - name: a\n    signal: duplication\n    contains: {x: 1}\n", 4, "must be a list"),
        ("rules:\n  - name: a\n    signal: duplication\n    contains: [x]\n    case_insensitive: maybe\n", 5, "must be true or false"),
        ("rules:\n  - name: a\n    signal: duplication\n    contains: [\"\"]\n", 4, "empty string"),
        ("rules:\n  name: a\n", 2, "rules must be a list"),
        ("rules: []\ndisable_rules: [a]\n", 2, "unknown key 'disable_rules'"),
        ("rules:\n  - name: a\n    signal: [duplication\n", 4, "invalid YAML"),
        ("rules:\n  - name: a\n    name: b\n    signal: duplication\n", 2, "duplicate key 'name'"),
    ])
    func brokenPack(yaml: String, line: Int, reason: String) {
        do {
            _ = try RuleSet.load(yaml: yaml, file: "broken.yaml")
            Issue.record("expected an error for \(yaml)")
        } catch {
            #expect(error.file == "broken.yaml")
            #expect(error.line == line, "\(error)")
            #expect(error.reason.contains(reason), "\(error)")
            #expect(error.description.hasPrefix("broken.yaml:\(line): "))
        }
    }

    @Test("an unknown key's error lists the allowed keys")
    func allowedKeysListed() {
        do {
            _ = try RuleSet.load(yaml: "rules:\n  - name: a\n    signal: duplication\n    regexp: x\n", file: "p.yaml")
            Issue.record("expected an error")
        } catch {
            for key in Rule.yamlKeys { #expect(error.reason.contains(key)) }
        }
    }
}

@Suite("RuleSet across tasks")
struct RuleSetConcurrencyTests {
    @Test("one rule set classifies from many tasks at once with the same answers")
    func concurrentClassify() async throws {
        let pack = try RuleSet.defaultPack()
        let record = LogRecord(
            severity: .critical,
            message: "DUPLICATE CONNECTION REGISTRATION DETECTED: Connection main_ba72041f already registered. Existing state: CONNECTED, User: usr_221c4e00, Requested User: usr_404b6eaf. This indicates a race condition in connection setup.",
            loggers: ["netra_backend.app.websocket_core.connection_state_machine"])
        let expected = pack.classify(record)
        #expect(expected.map(\.signal) == [.duplication, .websocketWarning, .idBinding])
        let results = await withTaskGroup(of: [SignalMatch].self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var last: [SignalMatch] = []
                    for _ in 0..<50 { last = pack.classify(record) }
                    return last
                }
            }
            var all: [[SignalMatch]] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 8)
        #expect(results.allSatisfy { $0 == expected })
    }
}
