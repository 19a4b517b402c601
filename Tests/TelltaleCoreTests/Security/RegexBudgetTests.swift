import Testing
@testable import TelltaleCore

/// Rule regexes are data: the shapes that backtrack exponentially are refused
/// at load with a located reason, and what is accepted runs within a bound.
@Suite("Regex budget")
struct RegexBudgetTests {
    @Test(arguments: [
        #"(a+)+$"#, #"(a*)*b"#, #"(x+x+)+y"#, #"(.*a){12}"#, #"^(\w+\s?)*$"#, #"((ab)*)+c"#,
        #"(a|a)*$"#, #"(a|aa)+$"#, #"(.|x)*y"#, #"(?:|a)+b"#, #"(?<u>[^,]+)+,"#,
        #".*.*.*x"#, #"\s*\s+$"#, #"(?:ab)*(?:ab)*c"#,
    ])
    func evilPatternIsRefused(source: String) {
        #expect(RegexBacktrackingCheck.problem(in: source) != nil, "accepted \(source)")
    }

    /// A repeated group whose body can match one text in more than one way, and
    /// the kind of reason each gets.
    @Test(arguments: [
        (#"(\w|\d)+"#, "overlapping alternatives"),
        (#"(a|a)*"#, "overlapping alternatives"),
        (#"(a|ab)*"#, "overlapping alternatives"),
        (#"(?:[a-f]|[0-9A-Fa])+x"#, "overlapping alternatives"),
        (#"(?:\s|\h)+$"#, "overlapping alternatives"),
        (#"(?i)(?:a|A)+$"#, "overlapping alternatives"),
        (#"(?:x|[^y])+z"#, "overlapping alternatives"),
        (#"(a+)+"#, "nested quantifier"),
        (#"(.*)*"#, "nested quantifier"),
        (#"(\w+\s?)+"#, "nested quantifier"),
        (#"(\w+\.\w+)+!"#, "nested quantifier"),
        (#"(?:\d+\d)+x"#, "nested quantifier"),
        (#"(a{1,2})+b"#, "nested quantifier"),
        (#"(a+|bc)+$"#, "nested quantifier"),
        (#"(?:(?:\w+\.)+x)+!"#, "nested quantifier"),
        (#"(?:a+b?a+c)+"#, "nested quantifier"),
        (#"(?:\w+(?:-\w+)*)+$"#, "nested quantifier"),
        (#"(?:(\w+)\1)+!"#, "nested quantifier"),
        (#"(?:a?)+b"#, "empty"),
        (#"(a?)*"#, "empty"),
        (#"(?:(?:a|a)b)+c"#, "overlapping alternatives"),
        (#"(?:(?:\w|\d)-)+c"#, "overlapping alternatives"),
        (#"(?:(?:a+a+)b)+c"#, "nested quantifier"),
        (#"(?:\p{L}+ )+x"#, "nested quantifier"),
        (#"(?=(a+)+$)b"#, "nested quantifier"),
        (#"(?:ab|a){5}c"#, "overlapping alternatives"),
    ])
    func ambiguousRepetitionIsRefusedWithItsReason(source: String, reason: String) {
        let problem = RegexBacktrackingCheck.problem(in: source)
        #expect(problem?.contains(reason) == true, "\(source): \(problem ?? "accepted")")
    }

    /// Repetitions closed by a character the inner quantifier cannot match,
    /// and alternatives that begin differently, are unambiguous.
    @Test(arguments: [
        #"(?:\w+\.)+"#, #"(\d+,)*"#, #"(?:\w+\.)+[a-z]{2,}"#, #"(a+b+)+"#, #"(\w+\s)+$"#, #"(?:\d+\.+)+x"#,
        #"(?:[^,]+,)+"#, #"(?:key=[^&]+&)*key=[^&]+"#, #"(?:a+ab)+"#, #"(?:\w{1,3}-)+x"#, #"(?:-?\d+,)*"#,
        #"(?:é+\.)+"#, #"(?:[a-z]|[0-9])+x"#, #"(?:\s|\S)"#, #"(?i)(?:a|b)+"#, #"(?:[^ ]+ )+"#, #"((a|b)+c)+"#, #"(?:(?:a|b)-)+"#, #"((a+)b)+"#,
        #"(?:\u{41}+:)+"#, #"(a+)+"#.replacingOccurrences(of: "a+", with: "a++"),
    ])
    func unambiguousRepetitionIsAccepted(source: String) {
        #expect(RegexBacktrackingCheck.problem(in: source) == nil, "refused \(source): \(RegexBacktrackingCheck.problem(in: source) ?? "")")
    }

    @Test func malformedOrDeepPatternsNeitherCrashNorPass() {
        for source in ["(", ")", "[", "\\", "(?", "(?<", "[\\", "x{", "a{2,", "[a-", "(?#", "\\Q(a+)+", "[[:alpha:]", "\\x{FFFFFFFFFFFF}"] {
            _ = RegexBacktrackingCheck.problem(in: source)
        }
        let deep = String(repeating: "(", count: 10_000) + "a" + String(repeating: ")", count: 10_000)
        #expect(RegexBacktrackingCheck.problem(in: deep)?.contains("nested more than") == true)
    }

    @Test(arguments: [
        #"Multiple manager instances for user (?<user>[^\s,'"\[\]]*[^\s,'"\[\].])"#,
        #"Existing state: [^,]*, User: (?<user>[^\s,]+), Requested User: (?<user_2>[^\s,]*[^\s,.])"#,
        #"(?i)psycopg2\.OperationalError|asyncpg\.exceptions|connection to server .*failed"#,
        #"(\d+\.){3}\d+"#, #"(?:foo|bar)+"#, #"(?>a+)+b"#, #"(a++)+b"#, #"(ab)+c"#, #"\(a+\)+"#, #"[(a+)]+"#,
        #"x{2,5}"#, #"(a+)?b"#, #"a*b*c*"#, #".*x.*y"#, #"a*+a*b"#,
    ])
    func ordinaryPatternIsAccepted(source: String) {
        #expect(RegexBacktrackingCheck.problem(in: source) == nil, "refused \(source)")
    }

    @Test func theDefaultPackPassesTheCheck() throws {
        #expect(try RuleSet.defaultPack().rules.count > 5)
    }

    @Test func ruleFileNamesTheLineAndTheReason() {
        let yaml = "rules:\n  - name: evil\n    signal: duplication\n    regex: '(a+)+$'\n"
        do {
            _ = try RuleSet.load(yaml: yaml, file: "evil.yaml")
            Issue.record("an evil rule loaded")
        } catch {
            #expect(error.file == "evil.yaml")
            #expect(error.line == 4)
            #expect(error.reason.contains("nested quantifier"))
        }
    }

    /// A quadratic pattern the check lets through only ever sees the first
    /// `inputLimit` bytes, so a 1 MiB line costs what 4 KiB does.
    @Test func acceptedPatternOnAHugeLineReturnsWithinABound() throws {
        let rule = try Rule(name: "slow", signal: .duplication, regex: #".*x.*y"#)
        let line = String(repeating: "a", count: 1 << 20)
        let start = ContinuousClock.now
        #expect(rule.match(LogRecord(message: line)) == nil)
        #expect(ContinuousClock.now - start < .seconds(10))
    }

    @Test func searchedPartStopsAtACharacterBoundary() {
        let text = String(repeating: "é", count: CapturePattern.inputLimit)
        let part = CapturePattern.searchedPart(of: text)
        #expect(part.utf8.count == CapturePattern.inputLimit)
        #expect(part.allSatisfy { $0 == "é" })
        let odd = "a" + text
        #expect(CapturePattern.searchedPart(of: odd).utf8.count == CapturePattern.inputLimit - 1)
    }

    @Test func aMatchWithinTheLimitStillCaptures() throws {
        let rule = try Rule(name: "dup", signal: .duplication, regex: #"user (?<user>\w+)"#)
        let match = rule.match(LogRecord(message: "user alice " + String(repeating: "z", count: 100_000)))
        #expect(match?.values("user") == ["alice"])
    }
}
