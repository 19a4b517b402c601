import Foundation
import Testing
@testable import TelltaleCore

/// Entries before a chunk's newest `wholeTail` that no rule matches are
/// prepared for counting only: no message, no loggers. Everything a counter
/// reads must still be what the whole record gives, and every entry that a
/// rule matches, that holds a secret, or whose text needs decoding must stay
/// whole.
@Suite("Counting-only entries")
struct CountingOnlyEntryTests {
    /// The batch corpus's kinds, and entries that must never be counted only.
    static let mustStayWhole: [String] = [
        // A rule that accepts INFO matches it (an id binding).
        #"{"severity": "INFO", "message": "W1 auth ok for user_id: demo-user-007, connection: conn_77aa", "labels": {"module": "app.auth"}, "context": {"name": "auth"}}"#,
        // A secret whose value looks like an id: redacted, the id is not counted.
        #"{"timestamp": "2025-09-15T12:00:05.000000Z", "severity": "INFO", "service": "svc", "logger": "app.login", "message": "W2 login with token=thread_1a2b3c4d5e6f7a8b_run_0123456789abcdef done"}"#,
        // Escapes and non-ASCII text: the message is decoded, not the raw bytes.
        #"{"severity": "INFO", "message": "W3 caf\u00e9 run_0123456789abcdef_x \"quoted\"", "labels": {"module": "m"}}"#,
        #"{"severity": "INFO", "message": "W4 naïve thread_1a2b3c4d5e6f7a8b_run_0123456789abcdef", "labels": {"module": "m"}}"#,
        "2025-09-15 12:00:06,000 - svc - app.ws - WARNING - W5 websocket send failed for thread_1a2b3c4d5e6f7a8b_run_0123456789abcdef",
        // Request logs, whose message is the request's summary: a secret in
        // the URL, a rule that matches the summary, an escaped URL, a status
        // written as a string (`parse` reads it as a number).
        #"{"insertId": "r6", "resource": {"labels": {"revision_name": "svc-00644-abc"}}, "severity": "INFO", "timestamp": "2025-09-15T12:00:09Z", "httpRequest": {"requestMethod": "W6", "requestUrl": "https://svc/api?token=thread_1a2b3c4d5e6f7a8b_run_0123456789abcdef", "status": 200, "latency": "0.021s"}}"#,
        #"{"insertId": "r7", "resource": {"labels": {"revision_name": "svc-00644-abc"}}, "severity": "INFO", "timestamp": "2025-09-15T12:00:09Z", "httpRequest": {"requestMethod": "W7", "requestUrl": "/auth user_id: demo-user-007, connection: conn_77aa", "status": 200}}"#,
        #"{"insertId": "r8", "resource": {"labels": {"revision_name": "svc-00644-abc"}}, "severity": "INFO", "timestamp": "2025-09-15T12:00:09Z", "httpRequest": {"requestMethod": "W8", "requestUrl": "https:\/\/svc\/session_57686_864a7135", "status": 404, "latency": "0.5s"}}"#,
        #"{"insertId": "r9", "resource": {"labels": {"revision_name": "svc-00644-abc"}}, "severity": "INFO", "timestamp": "2025-09-15T12:00:09Z", "httpRequest": {"requestMethod": "W9", "requestUrl": "https://svc/session_57686_864a7135", "status": "200", "latency": "0.5s"}}"#,
    ]

    static let countable: [String] = [
        #"{"insertId": "9", "logName": "projects/p/logs/run.googleapis.com%2Fstdout", "resource": {"labels": {"revision_name": "svc-00644-abc", "service_name": "svc"}}, "severity": "INFO", "timestamp": "2025-09-15T12:00:07Z", "jsonPayload": {"message": "C1 request thread_1a2b3c4d5e6f7a8b_run_0123456789abcdef done", "logger": "app.api"}}"#,
        "2025-09-15 12:00:08,000 - svc - app.api - INFO - C2 served run_0123456789abcdef_x in 3 ms",
        #"{"level": "info", "msg": "C3 other json with thread_1a2b3c4d5e6f7a8b_run_0123456789abcdef", "ts": 1757937609}"#,
        // A request log (its ids are in the URL) and one with parts missing or empty.
        #"{"insertId": "r4", "logName": "projects/p/logs/run.googleapis.com%2Frequests", "resource": {"type": "cloud_run_revision", "labels": {"revision_name": "svc-00645-xyz", "service_name": "svc"}}, "severity": "INFO", "timestamp": "2025-09-15T12:00:10.002Z", "httpRequest": {"requestMethod": "C4", "requestUrl": "https://svc.run.app/api/threads/session_57686_864a7135/messages", "status": 200, "latency": "0.021s", "userAgent": "Mozilla/5.0"}}"#,
        #"{"insertId": "r5", "resource": {"labels": {"revision_name": "svc-00645-xyz"}}, "severity": "DEBUG", "timestamp": "2025-09-15T12:00:11Z", "httpRequest": {"requestMethod": "C5", "requestUrl": "", "status": 0, "latency": null}}"#,
        // A secret in a message without a `_`: no id either way, and no rule
        // of the pack matches the redacted text (`markerFormsNoNeedle`).
        #"{"severity": "INFO", "message": "C6 login with password=hunter2 ok", "labels": {"module": "app.login"}}"#,
        // A secret after every id: the ids are the same redacted or not.
        "2025-09-15 12:00:08,000 - svc - app.api - INFO - C7 served run_0123456789abcdef_x, token=abcdef1234 done",
    ]

    static func corpus(seed: UInt64) -> [UInt8] {
        var state = seed
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        let kinds = LogReaderBatchTests.kinds + (mustStayWhole + countable).map { [$0] }
        var text = ""
        var count = 0
        while count < 4000 {
            let kind = kinds[next() % kinds.count]
            for line in kind { text += line + "\n" }
            count += kind.count
        }
        return Array(text.utf8)
    }

    /// Each chunk's records, prepared with a helper thread or on this one.
    static func prepare(_ bytes: [UInt8], chunk: Int, wholeTail: Int, rules: RuleSet,
                        helper: LogReaderBatchTests.ThreadHelper?) -> [[PreparedRecord]] {
        var reader = LogReader(source: "s")
        if let helper {
            return LogReaderBatchTests.prepare(bytes, chunk: chunk, rules: rules, helper: helper, reader: &reader,
                                               wholeTail: wholeTail)
        }
        var chunks: [[PreparedRecord]] = []
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunk)
            Array(bytes[start..<end]).withUnsafeBytes { chunk in
                reader.prepare(chunk, arrival: 100, rules: rules, wholeTail: wholeTail) { chunks.append($0) }
            }
            start = end
        }
        chunks.append(reader.finishPrepared(arrival: 100, rules: rules))
        return chunks
    }

    @Test(arguments: [(UInt64(1), 16_384, false), (2, 50_000, true), (3, 1 << 20, true), (4, 7_777, false)])
    func whatIsCountedIsWhatTheWholeRecordGives(seed: UInt64, chunk: Int, shared: Bool) throws {
        let rules = try RuleSet.defaultPack()
        let bytes = Self.corpus(seed: seed)
        let expected = LogReaderBatchTests.sequential(bytes, chunk: chunk, rules: rules)
        let helper = shared ? LogReaderBatchTests.ThreadHelper() : nil
        let actual = Array(Self.prepare(bytes, chunk: chunk, wholeTail: 0, rules: rules, helper: helper).joined())
        try #require(actual.count == expected.records.count)
        var counted = 0
        for (i, prepared) in actual.enumerated() {
            let whole = expected.records[i]
            #expect(prepared.matches == expected.matches[i], "entry \(i): \(whole.message)")
            #expect(prepared.ids == expected.ids[i], "entry \(i): \(whole.message)")
            if prepared.isWhole {
                #expect(prepared.record == whole, "entry \(i)")
                continue
            }
            counted += 1
            #expect(expected.matches[i].isEmpty)
            #expect(prepared.record.message.isEmpty && prepared.record.loggers.isEmpty)
            var stripped = whole
            stripped.message = ""
            stripped.loggers = []
            stripped.service = nil
            stripped.httpRequest = nil
            #expect(prepared.record == stripped, "entry \(i): \(whole.message)")
        }
        #expect(counted > 0)
        // Each entry that must stay whole starts its message with its tag.
        for tag in ["W1 ", "W2 ", "W3 ", "W4 ", "W5 ", "W6 ", "W7 ", "W8 ", "W9 "] {
            let indices = expected.records.indices.filter { expected.records[$0].message.hasPrefix(tag) }
            #expect(!indices.isEmpty, "\(tag)")
            #expect(indices.allSatisfy { actual[$0].isWhole }, "\(tag)")
        }
        // Plain INFO traffic of every shape with a message is counted only,
        // except where a line crosses a chunk or follows an unfinished
        // pretty-printed object: the assembler copies those, and they stay whole.
        for tag in ["C1 ", "C2 ", "C3 ", "C4 ", "C5 ", "C6 ", "C7 "] {
            let indices = expected.records.indices.filter { expected.records[$0].message.hasPrefix(tag) }
            let counted = indices.filter { !actual[$0].isWhole }.count
            #expect(!indices.isEmpty && counted * 10 >= indices.count * 8, "\(tag): \(counted) of \(indices.count) counted only")
        }
    }

    /// An entry whose secret is redacted is counted only when that changes
    /// nothing counted; a rule whose needle the marker could complete keeps
    /// it whole, and matches its redacted text.
    @Test func aSecretIsCountedOnlyWhenTheMarkerCanMatchNoRule() throws {
        let line = #"{"severity": "INFO", "message": "login with password=hunter2 ok", "labels": {"module": "app.login"}}"#
        let bytes = Array(String(repeating: line + "\n", count: 100).utf8)
        let pack = try RuleSet.defaultPack()
        let counted = Array(Self.prepare(bytes, chunk: 1 << 16, wholeTail: 0, rules: pack, helper: nil).joined())
        #expect(counted.count == 100)
        #expect(counted.allSatisfy { !$0.isWhole && $0.ids.isEmpty })
        let marker = try Rule(name: "redacted-login", signal: .websocketWarning, minSeverity: .info,
                              contains: ["password=[redacted]"], caseInsensitive: true)
        let rules = RuleSet(rules: pack.rules + [marker])
        let whole = Array(Self.prepare(bytes, chunk: 1 << 16, wholeTail: 0, rules: rules, helper: nil).joined())
        #expect(whole.count == 100)
        #expect(whole.allSatisfy { $0.isWhole && $0.matches.map(\.rule) == ["redacted-login"] })
        #expect(whole.first?.record.message == "login with password=[REDACTED] ok")
    }

    @Test(arguments: [0, 1, 7, 200])
    func theNewestEntriesOfEveryChunkAreWhole(wholeTail: Int) throws {
        let rules = try RuleSet.defaultPack()
        let bytes = Self.corpus(seed: 11)
        let helper = LogReaderBatchTests.ThreadHelper()
        let chunks = Self.prepare(bytes, chunk: 65_536, wholeTail: wholeTail, rules: rules, helper: helper)
        #expect(helper.posts > 0)
        for chunk in chunks.dropLast() {
            #expect(chunk.suffix(wholeTail).allSatisfy { $0.isWhole })
            if chunk.count > wholeTail + 20 { #expect(chunk.dropLast(wholeTail).contains { !$0.isWhole }) }
        }
        #expect(chunks.last!.allSatisfy { $0.isWhole })
    }

    /// The watch fed counting-only entries ends in the state that whole
    /// records give it: every count, the evidence, and the log tail.
    @Test func theWatchEndsInTheSameState() throws {
        let rules = try RuleSet.defaultPack()
        let bytes = Self.corpus(seed: 5)
        var whole = DeployWatch(rules: rules, watchedUsers: ["demo-user-001"])
        var counted = whole
        for record in LogReaderBatchTests.sequential(bytes, chunk: 30_000, rules: rules).records { whole.ingest(record) }
        let chunks = Self.prepare(bytes, chunk: 30_000, wholeTail: counted.tail.capacity, rules: rules,
                                  helper: LogReaderBatchTests.ThreadHelper())
        #expect(chunks.joined().contains { !$0.isWhole })
        for chunk in chunks { counted.ingest(chunk) }
        #expect(counted.tail.records == whole.tail.records)
        #expect(counted.tail.records.allSatisfy { !$0.message.isEmpty || $0.shape == .unparsed })
        let context = DeployVerdict.Context(healthConfigured: false)
        let countedReport = JSONReport.render(counted, verdict: DeployVerdict.evaluate(counted, criteria: [], context: context))
        let wholeReport = JSONReport.render(whole, verdict: DeployVerdict.evaluate(whole, criteria: [], context: context))
        #expect(countedReport == wholeReport)
        #expect(counted.idManager.idCounts == whole.idManager.idCounts)
        #expect(counted.deploys.deploys == whole.deploys.deploys)
    }

    /// A headless check keeps no log tail, so every entry that only counts
    /// skips its text; its counts are those of a watch with a tail.
    @Test func aWatchWithoutATailCountsTheSame() throws {
        let rules = try RuleSet.defaultPack()
        let bytes = Self.corpus(seed: 8)
        var withTail = DeployWatch(rules: rules)
        var without = DeployWatch(rules: rules, tailCapacity: 0)
        #expect(!without.keepsTail)
        let helper = LogReaderBatchTests.ThreadHelper()
        for chunk in Self.prepare(bytes, chunk: 40_000, wholeTail: withTail.tail.capacity, rules: rules,
                                  helper: helper) { withTail.ingest(chunk) }
        let chunks = Self.prepare(bytes, chunk: 40_000, wholeTail: 0, rules: rules, helper: helper)
        #expect(chunks.dropLast().allSatisfy { chunk in chunk.isEmpty || chunk.contains { !$0.isWhole } })
        for chunk in chunks { without.ingest(chunk) }
        #expect(without.tail.records.isEmpty)
        #expect(without.lines == withTail.lines)
        let context = DeployVerdict.Context(healthConfigured: false)
        #expect(JSONReport.render(without, verdict: DeployVerdict.evaluate(without, criteria: [], context: context))
            == JSONReport.render(withTail, verdict: DeployVerdict.evaluate(withTail, criteria: [], context: context)))
    }

    /// Entries of one header share their names; a continuation line still
    /// takes the time of the entry just before it, whether that entry was
    /// counted only (an INFO) or prepared whole (a WARNING).
    @Test(arguments: [0, 200])
    func aContinuationTakesTheLatestEntryOfTheSameHeader(wholeTail: Int) throws {
        let rules = try RuleSet.defaultPack()
        let text = """
            2025-09-15 12:00:00,000 - svc - app.mod - INFO - first
            2025-09-15 12:00:07,000 - svc - app.mod - INFO - second
                detail of the second
            2025-09-15 12:00:08,000 - svc - app.mod - WARNING - third
            2025-09-15 12:00:09,000 - svc - app.mod - WARNING - fourth
                detail of the fourth

            """
        let records = Self.prepare(Array(text.utf8), chunk: 1 << 20, wholeTail: wholeTail, rules: rules, helper: nil)
            .flatMap { $0 }
        let continuations = records.filter { $0.shape == .continuation }
        #expect(continuations.map(\.time) == [1_757_937_607, 1_757_937_609])
        #expect(continuations.map(\.severity) == [.info, .warning])
    }

    /// A JSON entry whose message holds a control byte or UTF-8 is not
    /// counted from its raw bytes, even when its layout was learned: it is
    /// parsed whole, its text made display-safe.
    @Test func aLayoutMatchedMessageWithAControlByteIsParsedWhole() throws {
        let rules = try RuleSet.defaultPack()
        var lines = ""
        for i in 0..<40 { lines += #"{"severity": "INFO", "logger": "app", "message": "plain \#(i)"}"# + "\n" }
        lines += "{\"severity\": \"INFO\", \"logger\": \"app\", \"message\": \"bell \u{07} and caf\u{E9}\"}\n"
        var reader = LogReader(source: "s")
        var prepared: [PreparedRecord] = []
        Array(lines.utf8).withUnsafeBytes { chunk in
            reader.prepare(chunk, arrival: 100, rules: rules, wholeTail: 0) { prepared += $0 }
        }
        #expect(prepared.count == 41)
        #expect(prepared.dropLast().allSatisfy { !$0.isWhole })
        let last = try #require(prepared.last)
        #expect(last.isWhole)
        #expect(last.record.message == "bell \u{2407} and caf\u{E9}")
    }

    /// The printable check of a layout-matched message works in blocks of
    /// sixteen bytes and a tail of fewer: an unprintable byte at any offset
    /// of messages of every length up to 40, the message ending near the
    /// line's end, is still seen, and a printable message of the same
    /// length still counted from its bytes.
    @Test func aLayoutMatchedMessageIsCheckedWhereverTheByteFalls() throws {
        let rules = try RuleSet.defaultPack()
        var lines = ""
        for i in 0..<40 { lines += #"{"severity": "INFO", "logger": "app", "message": "plain \#(i)"}"# + "\n" }
        var whole: [Bool] = []
        for length in 1...40 {
            for offset in 0..<length {
                for bad in ["\u{01}", "\u{7F}", "\u{E9}"] {
                    let message = String(repeating: "m", count: offset) + bad + String(repeating: "n", count: length - offset - 1)
                    lines += #"{"severity": "INFO", "logger": "app", "message": "\#(message)"}"# + "\n"
                    whole.append(true)
                }
            }
            lines += #"{"severity": "INFO", "logger": "app", "message": "\#(String(repeating: "p", count: length))"}"# + "\n"
            whole.append(false)
        }
        var reader = LogReader(source: "s")
        var prepared: [PreparedRecord] = []
        Array(lines.utf8).withUnsafeBytes { chunk in
            reader.prepare(chunk, arrival: 100, rules: rules, wholeTail: 0) { prepared += $0 }
        }
        #expect(prepared.count == 40 + whole.count)
        #expect(prepared.dropFirst(40).map(\.isWhole) == whole)
    }
}
