import Foundation
import Testing
@testable import TelltaleCore

/// `LogReader.prepare` shares big batches with a helper thread; every record it
/// hands on must be the one the sequential `feed` makes, in the same order,
/// however the entries fall on either side of the split.
@Suite("LogReader shared batches")
struct LogReaderBatchTests {
    /// A helper on a real second thread, as the pipeline's is: jobs run in
    /// order on a serial queue, some after a short delay so that the reader
    /// goes on to the next chunk before the helper's part is done (and the
    /// reader's share moves both ways).
    final class ThreadHelper: @unchecked Sendable {
        private let queue = DispatchQueue(label: "telltale-test-helper")
        private let lock = NSLock()
        private var tickets = 0
        private var finished = 0
        private var random = SystemRandomNumberGenerator()
        /// Jobs posted so far.
        var posts: Int { lock.withLock { tickets } }

        var helper: LogReader.Helper {
            LogReader.Helper(post: { job in self.post(job) }, wait: { _ in self.waitForAll() },
                             isDone: { ticket in self.lock.withLock { ticket <= self.finished } })
        }

        private func post(_ job: @escaping @Sendable () -> Void) -> Int {
            let (ticket, delay) = lock.withLock { () -> (Int, Bool) in
                tickets += 1
                return (tickets, Bool.random(using: &random))
            }
            queue.async {
                if delay { usleep(200) }
                job()
                self.lock.withLock { self.finished = ticket }
            }
            return ticket
        }

        /// Waits for every job posted so far (which includes the one asked for).
        func waitForAll() {
            queue.sync {}
        }
    }

    /// Prepares `bytes` chunk by chunk with `helper`, returning each chunk's
    /// records once every job has run.
    static func prepare(_ bytes: [UInt8], chunk: Int, rules: RuleSet, helper: ThreadHelper, reader: inout LogReader,
                        wholeTail: Int = .max) -> [[PreparedRecord]] {
        var batches: [PreparedBatch] = []
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunk)
            batches.append(reader.prepare(Array(bytes[start..<end]), arrival: 100, rules: rules, helper: helper.helper,
                                          wholeTail: wholeTail))
            start = end
        }
        let last = reader.finishPrepared(arrival: 100, rules: rules)
        helper.waitForAll()
        return batches.map(\.records) + [last]
    }

    /// Lines of every kind, some of whose meaning depends on the lines before
    /// them: a traceback after a plain-text entry is a continuation of it, the
    /// same lines after a JSON entry are not.
    static let kinds: [[String]] = [
        [#"{"timestamp": "2025-09-15T12:00:00.000000Z", "severity": "WARNING", "service": "netra-backend", "logger": "netra_backend.app.websocket_core.websocket_manager", "message": "SSOT VALIDATION: Multiple manager instances for user demo-user-001 - potential duplication", "error": {"message": "x"}}"#],
        [#"{"severity": "INFO", "message": "thread_1a2b3c4d5e6f7a8b_run_0123456789abcdef ok", "labels": {"module": "app.core"}, "context": {"name": "ctx"}}"#],
        [#"{"insertId": "1", "logName": "projects/p/logs/run.googleapis.com%2Fstderr", "resource": {"labels": {"revision_name": "svc-00643-k2d", "service_name": "svc"}}, "severity": "ERROR", "textPayload": "Database initialization timeout after 8.0s"}"#],
        ["2025-09-15 12:00:01,250 - netra-backend - app.db - ERROR - Cloud SQL connection failed",
         "Traceback (most recent call last):",
         "  File \"app.py\", line 3, in <module>",
         "TimeoutError: timed out after 8.0s"],
        ["2025-09-15 12:00:02,000 - netra-backend - app.ws - WARNING - Multiple manager instances for user demo-user-002",
         "    continued detail line"],
        ["level=warn msg=\"duplicate connection registration for user demo-user-003\" ts=2025-09-15T12:00:03Z"],
        ["    an indented line that follows whatever came before"],
        ["Traceback (most recent call last):", "ValueError: no owner here"],
        ["garbage \u{1B}[31m not a log line"],
        ["2025-09-15 12:00:04,000 - netra-backend - app.crlf - INFO - a line ending in CRLF\r"],
        [#"{"severity": "INFO", "message": "a long line \#(String(repeating: "x", count: 400))"}"#],
        ["  \t  "],
        [""],
        ["{", #"  "severity": "ERROR","#, #"  "message": "pretty printed over lines","#, "}"],
    ]

    static func corpus(lines: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        var text = ""
        var count = 0
        while count < lines {
            let kind = kinds[next() % kinds.count]
            for line in kind { text += line + "\n" }
            count += kind.count
        }
        return Array(text.utf8)
    }

    struct Outcome: Equatable {
        var records: [LogRecord]
        var matches: [[SignalMatch]]
        var ids: [IDTally]
        var lines: Int
        var entries: Int
        var bytes: Int
    }

    static func sequential(_ bytes: [UInt8], chunk: Int, rules: RuleSet, maxLineBytes: Int = 1 << 20) -> Outcome {
        let (records, reader) = ParsingFixtures.read(bytes, chunkSize: chunk, source: "s", maxLineBytes: maxLineBytes)
        let prepared = records.map { PreparedRecord($0, rules: rules) }
        return Outcome(records: records, matches: prepared.map(\.matches), ids: prepared.map(\.ids),
                       lines: reader.lines, entries: reader.entries, bytes: reader.bytes)
    }

    static func shared(_ bytes: [UInt8], chunk: Int, rules: RuleSet, helper: ThreadHelper, share: Double? = nil,
                       maxLineBytes: Int = 1 << 20) -> Outcome {
        var reader = LogReader(source: "s", maxLineBytes: maxLineBytes)
        if let share { reader.helperShare = share }
        let prepared = Array(prepare(bytes, chunk: chunk, rules: rules, helper: helper, reader: &reader).joined())
        return Outcome(records: prepared.map(\.record), matches: prepared.map(\.matches), ids: prepared.map(\.ids),
                       lines: reader.lines, entries: reader.entries, bytes: reader.bytes)
    }

    @Test(arguments: [(UInt64(1), 16_384), (2, 20_000), (3, 1 << 20), (4, 33_333), (5, 65_536)])
    func sharedBatchesMakeTheSequentialRecords(seed: UInt64, chunk: Int) throws {
        let rules = try RuleSet.defaultPack()
        let bytes = Self.corpus(lines: 3000, seed: seed)
        let helper = ThreadHelper()
        let expected = Self.sequential(bytes, chunk: chunk, rules: rules)
        let actual = Self.shared(bytes, chunk: chunk, rules: rules, helper: helper)
        #expect(helper.posts > 0, "no batch was big enough to share")
        #expect(actual.records.count == expected.records.count)
        #expect(actual == expected)
        // The corpus has continuations, so getting them right was tested.
        #expect(expected.records.contains { $0.shape == .continuation })
    }

    /// Lines over the cap and lines continued from the previous chunk are
    /// copied, the others parsed where they lie: both must give the same.
    @Test(arguments: [128, 256, 300])
    func cutLinesAndLinesAcrossChunksToo(maxLineBytes: Int) throws {
        let rules = try RuleSet.defaultPack()
        let bytes = Self.corpus(lines: 3000, seed: UInt64(maxLineBytes))
        let expected = Self.sequential(bytes, chunk: 50_000, rules: rules, maxLineBytes: maxLineBytes)
        #expect(expected.records.contains { $0.truncated })
        let actual = Self.shared(bytes, chunk: 50_000, rules: rules, helper: ThreadHelper(), maxLineBytes: maxLineBytes)
        #expect(actual == expected)
    }

    /// A traceback whose first lines fall in the caller's part and the rest in
    /// the helper's, at every split point the share can pick.
    @Test func tracebackAcrossTheSplitStaysAContinuation() throws {
        let rules = try RuleSet.defaultPack()
        var text = ""
        for i in 0..<100 { text += #"{"severity": "INFO", "message": "line \#(i)"}"# + "\n" }
        text += "2025-09-15 12:00:01,250 - svc - app.db - ERROR - failed\n"
        text += "Traceback (most recent call last):\n"
        for i in 0..<100 { text += "  frame \(i)\n" }
        text += "RuntimeError: boom\n"
        text += "level=info msg=after\n"
        let bytes = Array(text.utf8)
        let expected = Self.sequential(bytes, chunk: .max, rules: rules)
        #expect(expected.records.filter { $0.shape == .continuation }.count == 102)
        for share in stride(from: 0.1, through: 0.9, by: 0.02) {
            let actual = Self.shared(bytes, chunk: bytes.count, rules: rules, helper: ThreadHelper(), share: share)
            #expect(actual == expected, "helper share \(share)")
        }
    }

    @Test func smallBatchesStayOnTheCallingThread() throws {
        let rules = try RuleSet.defaultPack()
        let bytes = Self.corpus(lines: 2000, seed: 9)
        let helper = ThreadHelper()
        let actual = Self.shared(bytes, chunk: 256, rules: rules, helper: helper)
        #expect(helper.posts == 0)
        #expect(actual == Self.sequential(bytes, chunk: 256, rules: rules))
    }
}
