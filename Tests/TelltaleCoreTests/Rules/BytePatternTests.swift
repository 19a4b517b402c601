import Testing
@testable import TelltaleCore

@Suite("BytePattern")
struct BytePatternTests {
    /// The shipped rules whose regexes run on the hot path must take the byte matcher.
    @Test func theDefaultPackRegexesOfTheSimpleKindCompile() throws {
        let pack = try RuleSet.defaultPack()
        for name in ["duplication-multiple-managers", "duplication-connection-registration",
                     "id-binding-connection-registration", "id-binding-user-connection",
                     "database-driver-timeout", "database-error"] {
            let rule = try #require(pack.rules.first { $0.name == name })
            #expect(BytePattern(try #require(rule.regex)) != nil, "\(name) falls back to the regex engine")
        }
    }

    @Test(arguments: [
        "(?-i)x", "(?i:x)", "(a|b)", "a|", "^start", "end$", "a{2}", "(ab)+", "(?:ab)*", "a*?", "a++", "\\bword",
        "(?=x)y", "[[:alpha:]]", "[a&&b]", "[]a]", "x\\1", "caf\u{E9}", "\\d*", "(?<u>[a-z]*)", "(unclosed", "closed)",
        // What the regex engine refuses or reads otherwise: not the byte matcher's either.
        "x[:alpha:]", "x[:a]", "(?<1a>x)", "(?<a>x)(?<a>y)", "[\\d-z]", "[!--]",
    ])
    func constructsBeyondTheSimpleKindFallBack(pattern: String) {
        #expect(BytePattern(pattern) == nil)
    }

    /// The longest run of bytes every match holds, which the prefilters may
    /// look for instead of a rule's `contains`.
    @Test(arguments: [
        (#"user_id: (?<user>[^\s,]+), connection: (?<entity>[^\s,]*[^\s,.])"#, ", connection: "),
        (#"Connection (?<entity>\S+) already registered\. Existing"#, " already registered. Existing"),
        // Group marks take no byte: the run goes through them.
        (#"ab(?<g>cd)ef[xy]"#, "abcdef"),
        // An optional or repeated byte ends a run.
        (#"abc?defg+hi"#, "def"),
        // Bytes a Unicode character is canonically equivalent to end a run.
        (#"OK done"#, " done"),
        (#"ab;cde"#, "cde"),
    ])
    func theRequiredLiteralIsTheLongestRunOfSingleBytes(pattern: String, literal: String) throws {
        let compiled = try #require(BytePattern(pattern))
        #expect(compiled.requiredLiteral == Array(literal.utf8))
    }

    @Test(arguments: [#"(?i)timeouterror|timed out"#, #"first|second"#, #"[ab]+x?"#])
    func alternativesOrNoSingleByteLeaveNoRequiredLiteral(pattern: String) throws {
        #expect(try #require(BytePattern(pattern)).requiredLiteral == nil)
    }

    @Test func underCaseFoldingOnlyTheBytesBetweenLettersAreRequired() throws {
        #expect(try #require(BytePattern("(?i)ab-cd: ef")).requiredLiteral == Array(": ".utf8))
    }

    @Test func aGroupTakesTheGreedyMatchBackedOffToItsLastAllowedByte() throws {
        let pattern = try #require(BytePattern(#"user (?<user>[^\s,]*[^\s,.])"#))
        // Anchored where the caller found the literal: "user" at offset 4.
        let text = Array("for user demo-user-001... done".utf8)
        let match = try text.withUnsafeBufferPointer { bytes in try #require(pattern.match(bytes, at: 4)) }
        let range = try #require(match.groups[0])
        #expect(String(decoding: text[range], as: UTF8.self) == "demo-user-001")
    }

    /// A match begun after the literal the caller found at its start (what
    /// `CapturePattern` does where the prefix occurs) ends where the full
    /// walk ends and passes the same groups, for every number of checked
    /// bytes, on generated texts.
    @Test(arguments: [
        #"Multiple manager instances for user (?<user>[^\s,'"\[\]]*[^\s,'"\[\].])"#,
        #"user_id: (?<user>[^\s,]+), connection: (?<entity>[^\s,]*[^\s,.])"#,
        #"id=(?<id>\d+)-?(?<rev>[A-Za-z0-9_-]*)"#,
        #"ab?c(?<x>d+)"#,
    ])
    func aMatchBegunAfterTheCheckedLiteralIsTheFullMatch(pattern: String) throws {
        let compiled = try #require(BytePattern(pattern))
        let literal = compiled.leadingLiteral
        #expect(!literal.isEmpty)
        let pieces = [String(decoding: literal, as: UTF8.self), "demo-user-001", "u.", " ", ",", "'", "42", "-", "rev_9",
                      "d", "x", ", connection: ", "c1", "."]
        var random = SplitMix(seed: 13)
        var compared = 0
        for _ in 0..<2000 {
            let text = Array((0..<random.next(below: 6)).map { _ in pieces[random.next(below: pieces.count)] }.joined().utf8)
            try text.withUnsafeBufferPointer { bytes in
                for start in CapturePattern.occurrences(of: literal, in: bytes) {
                    let full = compiled.match(bytes, at: start)
                    for checked in 0...literal.count {
                        var groups = [Range<Int>?](repeating: nil, count: compiled.groupNames.count)
                        let end = compiled.match(bytes, at: start, checked: checked) { groups[$0] = $1 }
                        #expect(end == full?.end, "\(pattern) on \(String(decoding: text, as: UTF8.self)) checked \(checked)")
                        if let full { #expect(groups == full.groups) }
                        compared += 1
                    }
                }
            }
        }
        #expect(compared > 500)
    }

    /// The byte matcher against Swift's regex engine on the same text: the same
    /// captures for every pattern and every generated message.
    @Test(arguments: [
        #"Multiple manager instances for user (?<user>[^\s,'"\[\]]*[^\s,'"\[\].])"#,
        #"Existing state: [^,]*, User: (?<user>[^\s,]+), Requested User: (?<user_2>[^\s,]*[^\s,.])"#,
        #"user_id: (?<user>[^\s,]+), connection: (?<entity>[^\s,]*[^\s,.])"#,
        #"(?<a>\w+)@(?<b>[a-z.]+)"#,
        #"id=(?<id>\d+)-?(?<rev>[A-Za-z0-9_-]*)"#,
        #"x.?y+z*(?<tail>.)"#,
        #"\[(?<tag>[^\]]+)\]"#,
        #"(?i)psycopg2\.OperationalError|asyncpg\.exceptions|could not connect to server|connection to server .*failed"#,
        #"(?i)timeouterror|timed out|timeout expired"#,
        #"(?i)user (?<u>[^a\s]+)|(?<v>x+)y"#,
    ])
    func agreesWithTheRegexEngine(pattern: String) throws {
        let compiled = try CapturePattern(pattern, file: "test", line: nil)
        #expect(BytePattern(pattern) != nil)
        let regex = try Regex(pattern)
        let pieces = ["Multiple manager instances for user ", "Existing state: ", ", User: ", ", Requested User: ",
                      "user_id: ", ", connection: ", "demo-user-001", "u.", "...", ",", " ", "'", "[", "]", "@",
                      "id=", "42", "-", "rev_9", "x", "y", "z", "ab.c", "\"", "_", ".", "Psycopg2.OperationalError",
                      "connection to Server ", "FAILED", "timed out", "TimeoutError", "USER ", "A", "a"]
        var random = SplitMix(seed: 7)
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<random.next(below: 9) { text += pieces[random.next(below: pieces.count)] }
            let expected = Self.reference(regex, in: text)
            #expect(compiled.captures(in: text) == expected, "text: \(text)")
        }
    }

    /// Patterns the byte matcher takes are not compiled by the regex engine at
    /// load (`CompiledRegex`): each must be one the engine accepts, or a
    /// broken pattern would load without an error. And on printable ASCII the
    /// byte matcher must find what the engine finds: generated patterns over
    /// the syntax both read (and the bytes where they part: `[:`, `--`,
    /// ranges from class escapes, group names), on generated texts.
    @Test func generatedPatternsTheByteMatcherTakesCompileAndAgree() throws {
        let tokens = ["a", "b", "Z", "0", "1", "_", " ", ":", "-", ".", ",", "!", "%", "'", "\"", "\\d", "\\w", "\\s",
                      "\\S", "\\.", "\\-", "\\]", "\\", "[", "]", "[^", "[:", "(", ")", "(?<", ">", "(?:", "|", "*", "+",
                      "?", "{2}", "^", "$", "&&", "--", "(?i)"]
        let letters = ["a", "b", "Z", "0", "1", "_", " ", ":", "-", ".", ",", "!", "%", "'", "\"", "]", "[", "ab", "Z1"]
        var random = SplitMix(seed: 11)
        var taken = 0
        var compared = 0
        for _ in 0..<60_000 {
            let pattern = (0..<1 + random.next(below: 9)).map { _ in tokens[random.next(below: tokens.count)] }.joined()
            guard BytePattern(pattern) != nil else { continue }
            taken += 1
            guard let regex = try? Regex(pattern) else {
                Issue.record("the byte matcher takes \(pattern), the regex engine refuses it")
                continue
            }
            guard compared < 400 else { continue }
            compared += 1
            let compiled = try CapturePattern(pattern, file: "test", line: nil)
            for _ in 0..<25 {
                let text = (0..<random.next(below: 12)).map { _ in letters[random.next(below: letters.count)] }.joined()
                #expect(compiled.captures(in: text) == Self.reference(regex, in: text), "pattern \(pattern) text \(text)")
            }
        }
        #expect(taken > 1000 && compared == 400, "\(taken) patterns taken")
    }

    /// A pattern the byte matcher takes has its regex compiled the first time
    /// a message needs the engine (`CompiledRegex`): a message that is not
    /// printable ASCII, asked from eight tasks at once, gets the engine's
    /// captures in every one of them.
    @Test func theDeferredRegexCompilesOnceAndMatchesFromManyTasks() async throws {
        let pattern = try CapturePattern(#"for user (?<user>[^\s,]+)"#, file: "test", line: nil)
        let message = "Multiple manager instances for user d\u{E9}mo-user-\u{1F600}, again"
        let results = await withTaskGroup(of: [String: [String]]?.self) { group in
            for _ in 0..<8 { group.addTask { pattern.captures(in: message) } }
            return await group.reduce(into: [[String: [String]]?]()) { $0.append($1) }
        }
        #expect(results.count == 8)
        for result in results { #expect(result == ["user": ["d\u{E9}mo-user-\u{1F600}"]]) }
        #expect(pattern.captures(in: "for user demo-user-001, done") == ["user": ["demo-user-001"]])
    }

    /// What `CapturePattern` returns, computed by the regex engine alone.
    static func reference(_ regex: Regex<AnyRegexOutput>, in text: String) -> [String: [String]]? {
        var found = false
        var captures: [String: [String]] = [:]
        for match in text.matches(of: regex) {
            found = true
            for element in match.output {
                guard let group = element.name, let value = element.substring else { continue }
                let name = CapturePattern.captureName(forGroup: group)
                if captures[name]?.contains(String(value)) == true { continue }
                captures[name, default: []].append(String(value))
            }
        }
        return found ? captures : nil
    }

    /// A small deterministic generator, so a failure names a reproducible text.
    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next(below bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }
}
