import Foundation
import Testing
@testable import TelltaleCore

/// The built-in secret patterns, the user's extra ones, and that ordinary log
/// text (the backend's own sample) passes through untouched.
@Suite("Redactor")
struct RedactorTests {
    static let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnbmF0dXJlLXBhcnQ"

    @Test(arguments: [
        ("GET /x Authorization: Bearer abc123.DEF-456", "GET /x Authorization: [REDACTED]"),
        ("headers={'Authorization': 'Basic dXNlcjpwYXNz', 'X': 1}", "headers={'Authorization': '[REDACTED]', 'X': 1}"),
        ("authorization=Token f00ba4 next", "authorization=[REDACTED] next"),
        ("sent bearer 9f8e7d6c5b4a to upstream", "sent bearer [REDACTED] to upstream"),
        ("token \(jwt) rejected", "token [REDACTED] rejected"),
        ("jwt=\(jwt)&x=1", "jwt=[REDACTED]&x=1"),
        ("connecting with password=hunter2 to db", "connecting with password=[REDACTED] to db"),
        ("PASSWORD = 's3cr3t word' ok", "PASSWORD = '[REDACTED]' ok"),
        ("url /cb?access_token=abc&state=1", "url /cb?access_token=[REDACTED]&state=1"),
        ("api_key=AKIA123, region=us", "api_key=[REDACTED], region=us"),
        ("apikey=zzz api-key=yyy", "apikey=[REDACTED] api-key=[REDACTED]"),
        ("client_secret=shh;next", "client_secret=[REDACTED];next"),
        ("config {\"password\": \"p@ss\", \"user\": \"u\"}", "config {\"password\": \"[REDACTED]\", \"user\": \"u\"}"),
        ("{'secret': 'abc', 'passwd': 'def'}", "{'secret': '[REDACTED]', 'passwd': '[REDACTED]'}"),
    ])
    func builtInPatternHidesTheSecret(input: String, expected: String) {
        #expect(Redactor().redact(input) == expected)
    }

    @Test(arguments: [
        "Authorization failed for user demo-user-001",
        "the bearer of bad news",
        "Bearer token missing",
        "max_tokens=5 token_count=3",
        "secretary=bob passwords_rotated",
        "eyJ not a jwt.eyJ",
        "Secret Manager: loaded 3 values",
        "",
    ])
    func ordinaryTextIsUnchanged(text: String) {
        #expect(Redactor().redact(text) == text)
    }

    /// The scan skips sixteen-byte blocks without an anchor: every secret
    /// must be found wherever it falls against those blocks.
    @Test(arguments: [
        ("Authorization: Bearer abc123", "Authorization: [REDACTED]"),
        ("bearer 9f8e7d6c5b4a", "bearer [REDACTED]"),
        ("password=hunter2", "password=[REDACTED]"),
        ("PASSWD=hunter2", "PASSWD=[REDACTED]"),
        ("token=f00", "token=[REDACTED]"),
        ("api_key=AK", "api_key=[REDACTED]"),
        ("apiKEY=AK", "apiKEY=[REDACTED]"),
        ("client_SECRET=shh", "client_SECRET=[REDACTED]"),
        ("x \(jwt) y", "x [REDACTED] y"),
    ])
    func aSecretIsFoundAtEveryOffset(secret: String, redacted: String) {
        for offset in 0...40 {
            for tail in ["", " done", " " + String(repeating: "q", count: 23)] {
                let filler = String(repeating: "m", count: offset)
                let text = filler + " " + secret + tail
                #expect(Redactor().redact(text) == filler + " " + redacted + tail, "offset \(offset)")
            }
        }
        #expect(Redactor().redact(secret) == redacted)
    }

    @Test func redactingTwiceChangesNothingMore() {
        let once = Redactor().redact("token=abc Authorization: Bearer xyz123 {'password': 'p'} bearer Q1w2e3r4")
        #expect(once == "token=[REDACTED] Authorization: [REDACTED] {'password': '[REDACTED]'} bearer [REDACTED]")
        #expect(Redactor().redact(once) == once)
    }

    @Test func theBackendSampleHasNoFalsePositive() throws {
        let records = ParsingFixtures.records(try ParsingFixtures.bytes("backend-logs.ndjson"))
        #expect(records.count > 30)
        let redactor = Redactor()
        for record in records {
            #expect(redactor.redact(record) == record, "changed: \(record.message)")
        }
    }

    @Test func everyRecordLeavingAReaderIsRedacted() {
        let line = #"{"severity":"ERROR","message":"login failed password=hunter2","timestamp":"2025-09-15T12:00:00Z"}"# + "\n"
            + "2025-09-15 12:00:01,000 - svc - app.auth - INFO - Authorization: Bearer abcdef123456\n"
        let records = ParsingFixtures.records(line)
        #expect(records.map(\.message) == ["login failed password=[REDACTED]", "Authorization: [REDACTED]"])
        var raw = LogReader(source: "s", redactor: nil)
        var messages: [String] = []
        raw.feed(Array(line.utf8), arrival: 1) { messages.append($0.message) }
        #expect(messages.first == "login failed password=hunter2")
    }

    @Test func requestURLsAreRedactedToo() {
        let record = LogRecord(message: "GET", httpRequest: HTTPRequestInfo(method: "GET", url: "/cb?token=abc", status: 200, latency: nil))
        #expect(Redactor().redact(record).httpRequest?.url == "/cb?token=[REDACTED]")
    }

    @Test func extraPatternReplacesTheWholeMatchOrItsSecretGroup() throws {
        let whole = try RedactionPattern(#"sk_live_[A-Za-z0-9]+"#, file: "c.yaml")
        let group = try RedactionPattern(#"session=(?<secret>[0-9a-f]+)"#, file: "c.yaml")
        let redactor = Redactor(extraPatterns: [whole, group])
        #expect(redactor.redact("charge with sk_live_AbC123 and sk_live_X ok") == "charge with [REDACTED] and [REDACTED] ok")
        #expect(redactor.redact("cookie session=deadbeef; path=/") == "cookie session=[REDACTED]; path=/")
    }

    @Test(arguments: [
        (#"(a+)+$"#, "refused: nested quantifier"),
        (#"x*"#, "matches the empty string"),
        (#"[unclosed"#, "invalid redact pattern"),
    ])
    func badExtraPatternIsRefusedWithItsLine(source: String, reason: String) {
        #expect(throws: ConfigError.self) { try RedactionPattern(source, file: "c.yaml", line: 4) }
        do {
            _ = try RedactionPattern(source, file: "c.yaml", line: 4)
        } catch {
            #expect(error.line == 4)
            #expect(error.description.contains(reason), "\(error.description)")
        }
    }

    @Test func configFileReadsTheRedactList() throws {
        let config = try TelltaleConfig.load(yaml: "redact:\n  - 'sk_live_\\w+'\n  - 'pin=(?<secret>\\d+)'\n", file: "t.yaml")
        #expect(config.redactPatterns.map(\.source) == [#"sk_live_\w+"#, #"pin=(?<secret>\d+)"#])
        #expect(throws: ConfigError.self) { try TelltaleConfig.load(yaml: "redact:\n  - '(a*)*b'\n", file: "t.yaml") }
    }

    /// `findsNoSecret(before:in:)` says no trigger word is spelled before
    /// the position, exactly: checked against a spelling of every word at
    /// every position, on random messages of trigger words, near misses,
    /// ids and separators, at every position of each.
    @Test func noSecretBeforeAPositionMeansNoTriggerWordStartsThere() {
        let words = ["token", "Tokens", "password", "passwd", "secret", "api_key", "apikey", "api-key", "Authorization",
                     "bearer", "eyJ", "eyj", "toke", "pass", "authorize", "bear", "secre", "api", "run_1_abc", "a", "z"]
        let separators = [" ", "=", ": ", "_", "", ",", "'", "-"]
        let triggers = ["authorization", "bearer", "password", "passwd", "token", "secret", "api_key", "apikey", "api-key"]
        func spelled(_ bytes: [UInt8], at i: Int) -> Bool {
            if bytes[i...].starts(with: Array("eyJ".utf8)) { return true }
            let folded = bytes[i...].prefix(16).map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }
            return triggers.contains { folded.starts(with: Array($0.utf8)) }
        }
        var random = SeededRandom(seed: 5)
        var withTrigger = 0
        for _ in 0..<3_000 {
            var message = ""
            for _ in 0..<random.next(8) {
                message += separators[random.next(separators.count)] + words[random.next(words.count)]
            }
            message += String(repeating: " filler", count: random.next(6))
            let bytes = Array(message.utf8)
            let firstTrigger = bytes.indices.first { spelled(bytes, at: $0) } ?? bytes.count
            if firstTrigger < bytes.count { withTrigger += 1 }
            bytes.withUnsafeBufferPointer { p in
                for end in 0...bytes.count {
                    #expect(Redactor.findsNoSecret(before: end, in: p) == (end <= firstTrigger), "\(message) before \(end)")
                }
            }
        }
        #expect(withTrigger > 1_000)
    }

    /// A secret after every id leaves them as they are, and a counted-only
    /// entry may skip it; one before an id may hide it.
    @Test(arguments: [
        ("served run_0123456789abcdef_x, token=abcdef1234 done", true),
        ("served run_0123456789abcdef_x then password=hunter2", true),
        ("token=run_0123456789abcdef_x served", false),
        ("served run_0123456789abcdef_xtoken=abc", false),
        ("Authorization: Basic run_0123456789abcdef_x", false),
    ])
    func aSecretAfterTheIdsCannotChangeThem(message: String, skippable: Bool) {
        var text = message
        text.withUTF8 { p in
            let scan = IDTally.scanWithExtent(bytes: p)
            #expect(Redactor.findsNoSecret(before: scan.extent, in: p) == skippable)
            if skippable { #expect(IDTally.scan(Redactor().redact(message)) == scan.ids) }
        }
    }

    /// The scan is meant for every line: a million ordinary bytes should take
    /// milliseconds, not seconds, even in a debug build.
    @Test func scanningLongTextWithoutSecretsIsFast() {
        let text = String(repeating: "the quick brown fox jumps over a lazy dog, take a peek at stats ", count: 16_000)
        let start = ContinuousClock.now
        let out = Redactor().redact(text)
        let elapsed = ContinuousClock.now - start
        #expect(out == text)
        #expect(elapsed < .seconds(2))
    }
}
