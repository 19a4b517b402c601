import Testing
@testable import TelltaleCore

@Suite("Rule")
struct RuleTests {
    private func record(_ message: String, _ severity: Severity = .warning, loggers: [String] = []) -> LogRecord {
        LogRecord(severity: severity, message: message, loggers: loggers)
    }

    @Test("severity at or above the minimum matches, below does not", arguments: [
        (Severity.info, false), (.notice, false), (.warning, true), (.error, true), (.emergency, true),
    ])
    func severityFloor(severity: Severity, matches: Bool) throws {
        let rule = try Rule(name: "r", signal: .databaseError, minSeverity: .warning, contains: ["boom"])
        #expect((rule.match(record("boom", severity)) != nil) == matches)
    }

    @Test("loggers restrict to names that start with a listed prefix, on any of the record's names", arguments: [
        (["netra_backend.app.websocket_core"], true),
        (["netra_backend.app.websocket_core.websocket_manager"], true),
        (["netra_backend.app.cache", "netra_backend.app.websocket_core.x"], true),
        (["other.netra_backend.app.websocket_core"], false),
        (["netra_backend.app"], false),
        ([], false),
    ])
    func loggerPrefix(loggers: [String], matches: Bool) throws {
        let rule = try Rule(name: "r", signal: .websocketWarning, loggers: ["netra_backend.app.websocket_core"])
        #expect((rule.match(record("anything", loggers: loggers)) != nil) == matches)
    }

    @Test("contains looks where `in` says", arguments: [
        (TextScope.message, "websocket closed", "app.db", true),
        (.message, "socket closed", "app.websocket", false),
        (.logger, "websocket closed", "app.db", false),
        (.logger, "socket closed", "app.websocket", true),
        (.either, "websocket closed", "app.db", true),
        (.either, "socket closed", "app.websocket", true),
        (.either, "socket closed", "app.db", false),
    ])
    func scope(scope: TextScope, message: String, logger: String, matches: Bool) throws {
        let rule = try Rule(name: "r", signal: .websocketWarning, contains: ["websocket"], in: scope)
        #expect((rule.match(record(message, loggers: [logger])) != nil) == matches)
    }

    @Test("case_insensitive folds ASCII case of contains and not_contains", arguments: [
        (false, "WebSocket closed", false),
        (true, "WebSocket closed", true),
        (true, "WEBSOCKET CLOSED", true),
        (true, "websocket closed by Proxy", false),
        (false, "websocket closed by Proxy", true),
        (false, "websocket closed by proxy", false),
    ])
    func caseFolding(caseInsensitive: Bool, message: String, matches: Bool) throws {
        let rule = try Rule(
            name: "r", signal: .websocketWarning, contains: ["websocket"], notContains: ["proxy"],
            caseInsensitive: caseInsensitive)
        #expect((rule.match(record(message)) != nil) == matches)
    }

    @Test("case folding leaves non-ASCII text intact")
    func foldingNonASCII() throws {
        let rule = try Rule(name: "r", signal: .databaseError, contains: ["DÉJÀ vu"], caseInsensitive: true)
        #expect(rule.match(record("it was déjà vu")) == nil)
        #expect(rule.match(record("it was dÉJÀ VU")) != nil)
    }

    @Test("any contains needle is enough; every not_contains needle excludes")
    func needles() throws {
        let rule = try Rule(
            name: "r", signal: .databaseError, contains: ["alpha", "beta"], notContains: ["gamma", "delta"])
        #expect(rule.match(record("beta only")) != nil)
        #expect(rule.match(record("alpha then delta")) == nil)
        #expect(rule.match(record("gamma and beta")) == nil)
        #expect(rule.match(record("neither")) == nil)
        #expect(rule.match(record("alph")) == nil)
    }

    @Test("named groups over all matches, in order, without repeats; NAME_<digits> feeds NAME")
    func captures() throws {
        let rule = try Rule(
            name: "pairs", signal: .idBinding, contains: ["bind"],
            regex: #"bind (?<entity>\w+) to (?<user>\w+)(?: then (?<user_2>\w+))?"#)
        let match = try #require(rule.match(record("bind c1 to u1 then u2; bind c2 to u1; bind c1 to u3")))
        #expect(match.rule == "pairs")
        #expect(match.signal == .idBinding)
        #expect(match.values("entity") == ["c1", "c2"])
        #expect(match.values("user") == ["u1", "u2", "u3"])
        #expect(match.captures["user_2"] == nil)
        // Listed in the order their first groups come in the pattern.
        #expect(match.captured.map(\.name) == ["entity", "user"])
        #expect(match.values("absent") == [])
    }

    @Test("matches are equal whatever order their captures are listed in, and differ by any value")
    func captureListEquality() {
        let a = SignalMatch(rule: "r", signal: .idBinding, captured: [
            .init(name: "entity", values: ["c1"]), .init(name: "user", values: ["u1", "u2"]),
        ])
        let b = SignalMatch(rule: "r", signal: .idBinding, captured: [
            .init(name: "user", values: ["u1", "u2"]), .init(name: "entity", values: ["c1"]),
        ])
        #expect(a == b)
        #expect(a == SignalMatch(rule: "r", signal: .idBinding, captures: ["entity": ["c1"], "user": ["u1", "u2"]]))
        #expect(a != SignalMatch(rule: "r", signal: .idBinding, captures: ["entity": ["c1"], "user": ["u2", "u1"]]))
        #expect(a != SignalMatch(rule: "r", signal: .duplication, captured: a.captured))
        #expect(b.captures == ["entity": ["c1"], "user": ["u1", "u2"]])
    }

    @Test("capture names keep underscores that are not a numeric suffix", arguments: [
        ("user", "user"), ("user_2", "user"), ("user_10", "user"), ("requested_user", "requested_user"),
        ("user_", "user_"), ("_2", "_2"), ("user_2a", "user_2a"), ("run_id_3", "run_id"),
    ])
    func captureName(group: String, capture: String) {
        #expect(CapturePattern.captureName(forGroup: group) == capture)
    }

    @Test("a regex that does not match rejects the entry even when the prefilter passed")
    func regexMustMatch() throws {
        let rule = try Rule(name: "r", signal: .idManagerInitialized, contains: ["ready"], regex: "^ready$")
        #expect(rule.match(record("ready")) != nil)
        #expect(rule.match(record("not ready")) == nil)
    }

    @Test("a rule without contains, regex or loggers is refused")
    func refusesUnselective() {
        #expect(throws: ConfigError.self) { try Rule(name: "all", signal: .duplication) }
        do {
            _ = try Rule(name: "all", signal: .duplication, minSeverity: .error)
            Issue.record("expected an error")
        } catch {
            #expect(error.reason.contains("contains, regex or loggers"))
            #expect(error.file == "rule 'all'")
        }
    }

    @Test("empty needles are refused: they would match everything")
    func refusesEmptyNeedles() {
        #expect(throws: ConfigError.self) { try Rule(name: "r", signal: .duplication, contains: [""]) }
        #expect(throws: ConfigError.self) {
            try Rule(name: "r", signal: .duplication, contains: ["x"], notContains: [""])
        }
    }

    @Test("an invalid regex is an error that says so")
    func invalidRegex() {
        do {
            _ = try Rule(name: "bad", signal: .duplication, regex: "(?<user>[a-z")
            Issue.record("expected an error")
        } catch {
            #expect(error.reason.contains("invalid regex"))
            #expect(error.reason.contains("(?<user>[a-z"))
        }
    }

    @Test("rules compare by what they say")
    func equality() throws {
        let a = try Rule(name: "r", signal: .duplication, contains: ["x"], regex: "(?<user>y)")
        let b = try Rule(name: "r", signal: .duplication, contains: ["x"], regex: "(?<user>y)")
        let c = try Rule(name: "r", signal: .duplication, contains: ["x"], regex: "(?<user>z)")
        #expect(a == b)
        #expect(a != c)
    }
}
