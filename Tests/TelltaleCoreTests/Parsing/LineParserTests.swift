import Testing
@testable import TelltaleCore

@Suite("LineParser")
struct LineParserTests {
    static let t1200 = ParsingFixtures.epoch(2025, 9, 15, 12, 0, 0)

    @Test func everySampleLineIsRecognised() throws {
        let bytes = try ParsingFixtures.bytes("backend-logs.ndjson")
        let records = ParsingFixtures.records(bytes)
        #expect(records.count == 43)
        for record in records {
            #expect(record.shape.isParsed, "\(record.message)")
            #expect(record.time != nil)
            #expect(!record.message.isEmpty)
            #expect(!record.loggers.isEmpty)
            #expect(record.severity != .default)
        }
        let shapes = Set(records.map(\.shape))
        #expect(shapes == [.appJSON, .unifiedJSON, .cloudLogging, .plainText])
    }

    @Test func appJSON() {
        let r = ParsingFixtures.record(#"{"severity": "WARNING", "message": "SSOT VALIDATION: Multiple manager instances for user demo-user-001 - potential duplication", "timestamp": "2025-09-15T12:00:55.180049+00:00", "labels": {"module": "netra_backend.app.websocket_core.ssot_validation_enhancer", "function": "f", "line": "890"}, "context": {"name": "netra_backend.app.websocket_core.ssot_validation_enhancer", "service": "netra-service"}}"#)
        #expect(r.shape == .appJSON)
        #expect(r.severity == .warning)
        #expect(r.message == "SSOT VALIDATION: Multiple manager instances for user demo-user-001 - potential duplication")
        #expect(abs(r.time! - (Self.t1200 + 55.180049)) < 1e-6)
        #expect(r.loggers == ["netra_backend.app.websocket_core.ssot_validation_enhancer"])
        #expect(r.arrival == 7 && r.source == "src")
    }

    @Test func appJSONKeepsBothDistinctLoggerNames() {
        let r = ParsingFixtures.record(#"{"severity":"INFO","message":"m","labels":{"module":"a.b"},"context":{"name":"c.d"}}"#)
        #expect(r.loggers == ["a.b", "c.d"])
        let empty = ParsingFixtures.record(#"{"severity":"INFO","message":"m","labels":{"module":""},"context":{"name":"c.d"}}"#)
        #expect(empty.loggers == ["c.d"])
    }

    @Test func unifiedJSONIgnoresTheSpuriousErrorObject() {
        let r = ParsingFixtures.record(#"{"timestamp": "2025-09-15T12:00:05.000000Z", "severity": "INFO", "service": "netra-backend", "logger": "netra_backend.app.smd", "message": " CYCLE:  PHASE TRANSITION  ->  DATABASE", "error": {"message": "Missing field", "type": "str", "severity": "ERROR", "timestamp": "2025-09-15T12:00:05.000000Z", "traceback": ""}}"#)
        #expect(r.shape == .unifiedJSON)
        #expect(r.severity == .info)
        #expect(r.message == " CYCLE:  PHASE TRANSITION  ->  DATABASE")
        #expect(r.service == "netra-backend")
        #expect(r.loggers == ["netra_backend.app.smd"])
        #expect(r.time == Self.t1200 + 5)
    }

    @Test func cloudLoggingWithJSONPayload() {
        let r = ParsingFixtures.record(#"{"insertId": "0d23fa09ca46", "logName": "projects/netra-staging/logs/run.googleapis.com%2Fstderr", "receiveTimestamp": "2025-09-15T12:20:03.140000Z", "resource": {"type": "cloud_run_revision", "labels": {"service_name": "netra-backend-staging", "revision_name": "netra-backend-staging-00643-k2d", "location": "us-central1", "project_id": "netra-staging"}}, "severity": "INFO", "timestamp": "2025-09-15T12:20:03.100000Z", "jsonPayload": {"message": "WebSocket SSOT loaded", "logger": "x.y", "labels": {"module": "netra_backend.app.websocket_core"}, "context": {"name": "netra_backend.app.websocket_core"}}}"#)
        #expect(r.shape == .cloudLogging)
        #expect(r.revision == "netra-backend-staging-00643-k2d")
        #expect(r.service == "netra-backend-staging")
        #expect(r.message == "WebSocket SSOT loaded")
        #expect(r.loggers == ["x.y", "netra_backend.app.websocket_core", "run.googleapis.com/stderr"])
        #expect(abs(r.time! - (Self.t1200 + 1203.1)) < 1e-6)
    }

    @Test func cloudLoggingTextPayloadFallsBackToReceiveTimestamp() {
        let r = ParsingFixtures.record(#"{"insertId":"1","logName":"projects/p/logs/run.googleapis.com%2Fstdout","receiveTimestamp":"2025-09-15T12:00:01Z","resource":{"labels":{"revision_name":"rev-1"}},"severity":"ERROR","textPayload":"Application startup failed. Exiting."}"#)
        #expect(r.shape == .cloudLogging)
        #expect(r.message == "Application startup failed. Exiting.")
        #expect(r.severity == .error)
        #expect(r.time == Self.t1200 + 1)
        #expect(r.revision == "rev-1")
        #expect(r.loggers == ["run.googleapis.com/stdout"])
    }

    @Test func cloudLoggingRequestLogSummarisesTheRequest() {
        let r = ParsingFixtures.record(#"{"insertId":"2","logName":"projects/p/logs/run.googleapis.com%2Frequests","resource":{"type":"cloud_run_revision","labels":{"service_name":"svc"}},"severity":"ERROR","timestamp":"2025-09-15T12:00:00Z","httpRequest":{"requestMethod":"GET","requestUrl":"https://x.run.app/health","status":503,"latency":"13.04s","userAgent":"curl"}}"#)
        #expect(r.shape == .cloudLogging)
        #expect(r.httpRequest == HTTPRequestInfo(method: "GET", url: "https://x.run.app/health", status: 503, latency: 13.04))
        #expect(r.message == "GET https://x.run.app/health 503 13.04s")
        #expect(r.service == "svc")
    }

    @Test("other JSON objects", arguments: [
        (#"{"level":"warn","msg":"disk low","time":"2025-09-15T12:00:00Z","logger":"disk"}"#, Severity.warning, "disk low", ["disk"], 0.0),
        (#"{"levelname":"ERROR","message":"boom","ts":1757937600,"name":"app"}"#, .error, "boom", ["app"], 0.0),
        (#"{"level":"info","log":"from docker","@timestamp":"2025-09-15T12:00:00.5Z"}"#, .info, "from docker", [], 0.5),
        (#"{"level":50,"msg":"pino error","time":1757937600000,"module":"m"}"#, .error, "pino error", ["m"], 0.0),
        (#"{"severity":"LOUD","message":"unknown severity word"}"#, .default, "unknown severity word", [], nil),
        (#"{"message":42,"severity":"info"}"#, .info, "42", [], nil),
        (#"{"message":"first","message":"second","severity":"INFO","severity":"ERROR"}"#, .error, "second", [], nil),
        (#"{"message":"kept","msg":null,"severity":null}"#, .default, "kept", [], nil),
        (#"{"\u006dessage":"escaped key"}"#, .default, "escaped key", [], nil),
    ] as [(String, Severity, String, [String], Double?)])
    func otherJSON(line: String, severity: Severity, message: String, loggers: [String], secondsAfterNoon: Double?) {
        let r = ParsingFixtures.record(line)
        #expect(r.shape == .otherJSON)
        #expect(r.severity == severity)
        #expect(r.message == message)
        #expect(r.loggers == loggers)
        #expect(r.time == secondsAfterNoon.map { Self.t1200 + $0 })
    }

    @Test func jsonWithoutMessageShowsItsCompactText() {
        var parser = LineParser()
        let entry = RawEntry(bytes: Array("{\n  \"user\": \"a b\",\n  \"count\": 3\n}".utf8), lineCount: 4)
        let r = parser.parse(entry, arrival: 1, source: "s")
        #expect(r.shape == .otherJSON)
        #expect(r.message == #"{"user":"a b","count":3}"#)
        #expect(r.severity == .default)
    }

    @Test("severity spellings in every shape", arguments: [
        ("DEBUG", Severity.debug), ("info", .info), ("Info", .info), ("NOTICE", .notice), ("WARNING", .warning),
        ("WARN", .warning), ("warn", .warning), ("ERROR", .error), ("error", .error), ("CRITICAL", .critical),
        ("FATAL", .critical), ("ALERT", .alert), ("EMERGENCY", .emergency), ("DEFAULT", .default), ("TRACE", .debug),
    ])
    func severitySpellings(word: String, severity: Severity) {
        let json = ParsingFixtures.record(#"{"severity":"\#(word)","message":"m","labels":{"module":"x"}}"#)
        #expect(json.severity == severity)
        let plain = ParsingFixtures.record("2025-09-15 12:00:14,010 - svc - a.b - \(word) - m")
        #expect(plain.shape == .plainText)
        #expect(plain.severity == severity)
        let logfmt = ParsingFixtures.record("level=\(word) msg=m")
        #expect(logfmt.shape == .logfmt)
        #expect(logfmt.severity == severity)
    }

    @Test func plainTextKeepsAllButOneSpaceOfTheMessage() {
        let r = ParsingFixtures.record("2025-09-15 12:00:14,010 - netra-backend - netra_backend.app.smd - ERROR -  FAIL:  PHASE FAILED: DATABASE - Database initialization timeout")
        #expect(r.shape == .plainText)
        #expect(r.message == " FAIL:  PHASE FAILED: DATABASE - Database initialization timeout")
        #expect(r.service == "netra-backend")
        #expect(r.loggers == ["netra_backend.app.smd"])
        #expect(r.severity == .error)
        #expect(abs(r.time! - (Self.t1200 + 14.010)) < 1e-6)
    }

    @Test("plain text variants", arguments: [
        ("2025-09-15 12:00:14,010 - app.module - WARN - no service field", nil, "app.module", "no service field"),
        ("2025-09-15 12:00:14,010 - svc - lg - INFO -", "svc", "lg", ""),
        ("2025-09-15T12:00:14.010Z - svc - lg - INFO - iso time", "svc", "lg", "iso time"),
    ] as [(String, String?, String, String)])
    func plainVariants(line: String, service: String?, logger: String, message: String) {
        let r = ParsingFixtures.record(line)
        #expect(r.shape == .plainText)
        #expect(r.service == service)
        #expect(r.loggers == [logger])
        #expect(r.message == message)
    }

    /// A parser that remembers headers reads every plain-text line as a
    /// fresh parser does: headers that are prefixes of others, that end the
    /// line (`LEVEL -`), that name no level, in every order, with the
    /// continuation lines after them.
    @Test func rememberedHeadersParseAsFreshOnes() {
        let times = ["2025-09-15 12:00:14,010", "2025-09-15T12:00:14.5Z", "2025-09-15 12:00:14"]
        let headers = [" - svc - app.api - INFO - ", " - svc - app.api - INFO -", " - svc - app.api - INFO -x",
                       " - svc - app.api - WARNING - ", " - app.api - INFO - ", " - svc - app.api - NOTE - x - INFO - ",
                       " - svc - app.api - INFO - more - ERROR - ", " - s - a - DEBUG - ", " - svc - app.api2 - INFO - ",
                       " - a - b - c - ", " - svc - a - b - INFO - "] + (0..<8).map { " - svc - app.l\($0) - INFO - " }
        let messages = ["", "ok", " two spaces", "x - y - ERROR - z", "run_77694_31_5e4be0f5 done"]
        let others = ["Traceback (most recent call last):", "  File \"x.py\", line 1", "{\"severity\": \"INFO\", \"message\": \"j\"}",
                      "level=info msg=hi", "plain words"]
        var random = SeededRandom(seed: 23)
        var cached = LineParser()
        var plain = 0
        for _ in 0..<5_000 {
            let line = random.next(5) == 0 ? others[random.next(others.count)]
                : times[random.next(times.count)] + headers[random.next(headers.count)] + messages[random.next(messages.count)]
            // A fresh parser with the continuation state the cached one is in.
            var fresh = LineParser()
            fresh.continuation = cached.continuation
            let expected = Array(line.utf8).withUnsafeBufferPointer {
                fresh.parse($0, rawByteCount: $0.count, truncated: false, arrival: 1, source: "s")
            }
            let actual = Array(line.utf8).withUnsafeBufferPointer {
                cached.parse($0, rawByteCount: $0.count, truncated: false, arrival: 1, source: "s")
            }
            #expect(actual == expected, "\(line)")
            if actual.shape == .plainText { plain += 1 }
        }
        #expect(plain > 2_000)
        // More headers than it holds: old ones were replaced.
        #expect(cached.plainHeaders.entries.count == PlainTextHeaderCache.capacity)
    }

    @Test func tracebackLinesContinueTheirEntry() {
        let lines = [
            "2025-09-15 12:00:14,010 - netra-backend - netra_backend.app.smd - ERROR - Failed to run migrations",
            "Traceback (most recent call last):",
            "  File \"/app/netra_backend/app/db/migrate.py\", line 42, in run",
            "    conn = engine.connect()",
            "psycopg2.OperationalError: connection to server on socket \"/cloudsql/p:r:i/.s.PGSQL.5432\" failed",
            "",
            "During handling of the above exception, another exception occurred:",
            "2025-09-15 12:00:15,000 - netra-backend - netra_backend.app.smd - INFO - next entry",
            "not a continuation any more",
        ]
        let records = ParsingFixtures.records(lines.joined(separator: "\n"))
        #expect(records.map(\.shape) == [.plainText, .continuation, .continuation, .continuation, .continuation,
                                          .continuation, .plainText, .unparsed])
        for r in records[1...5] {
            #expect(r.severity == .error)
            #expect(r.time == records[0].time)
            #expect(r.loggers == ["netra_backend.app.smd"])
            #expect(r.service == "netra-backend")
        }
        #expect(records[2].message == "  File \"/app/netra_backend/app/db/migrate.py\", line 42, in run")
        #expect(records[7].severity == .default && records[7].time == nil)
    }

    @Test func indentedLineWithoutAPlainEntryBeforeIsUnparsed() {
        #expect(ParsingFixtures.record("    conn = engine.connect()").shape == .unparsed)
    }

    @Test("logfmt", arguments: [
        (#"level=warn msg="a b" ts=2025-09-15T12:00:00Z logger=x"#, Severity.warning, "a b", ["x"], true),
        (#"msg="quoted \"inner\" text" level=error"#, .error, #"quoted "inner" text"#, [], false),
        ("lvl=info msg=bare service=api", .info, "bare", [], false),
        ("level=debug flag other=1", .debug, "level=debug flag other=1", [], false),
    ] as [(String, Severity, String, [String], Bool)])
    func logfmt(line: String, severity: Severity, message: String, loggers: [String], hasTime: Bool) {
        let r = ParsingFixtures.record(line)
        #expect(r.shape == .logfmt)
        #expect(r.severity == severity)
        #expect(r.message == message)
        #expect(r.loggers == loggers)
        #expect((r.time != nil) == hasTime)
    }

    @Test("not logfmt", arguments: ["hello world key=value", "key=value only", "= nothing", "a=1 b=2"])
    func notLogfmt(line: String) {
        #expect(ParsingFixtures.record(line).shape == .unparsed)
    }

    @Test("invalid or truncated JSON is one unparsed line", arguments: [
        #"{"severity":"INFO","message":"cut"#, #"{"a":1} trailing"#, #"{"a":tru}"#, #"{"a":"\x"}"#,
        #"{"a":01}"#, #"{'a':1}"#, "{", #"{"a":1,}"#,
    ])
    func invalidJSON(line: String) {
        let r = ParsingFixtures.record(line)
        #expect(r.shape == .unparsed)
        #expect(r.message == line)
        #expect(r.severity == .default)
        #expect(r.time == nil)
    }

    @Test func deepNestingDoesNotCrash() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let valid = ParsingFixtures.record(#"{"message":"deep","x":"# + deep + "}")
        #expect(valid.shape == .otherJSON)
        #expect(valid.message == "deep")
        let unclosed = ParsingFixtures.record(#"{"message":"deep","x":"# + String(repeating: "{\"a\":", count: 10_000))
        #expect(unclosed.shape == .unparsed)
    }

    @Test func controlCharactersNeverReachARecord() {
        let plain = ParsingFixtures.record("2025-09-15 12:00:14,010 - svc\u{1B}[31m - lg - ERROR - bell\u{07} nul\u{0} esc\u{1B}]0;x")
        #expect(plain.message == "bell␇ nul␀ esc␛]0;x")
        #expect(plain.service == "svc␛[31m")
        let json = ParsingFixtures.record(#"{"severity":"ERROR","message":"\u001b]0;title\u0007 line\nnext \ud83d\ude00 lone \ud800","labels":{"module":"m\u0000"}}"#)
        #expect(json.message == "␛]0;title␇ line␊next 😀 lone \u{FFFD}")
        #expect(json.loggers == ["m␀"])
        let unparsed = ParsingFixtures.record("raw \u{1B}[2J\u{9B}clear")
        #expect(unparsed.message == "raw ␛[2J\u{FFFD}clear")
    }

    @Test func invalidUTF8IsRepaired() {
        var parser = LineParser()
        let bytes: [UInt8] = Array(#"{"severity":"INFO","message":"bad "#.utf8) + [0xFF, 0xC3] + Array(#" end","context":{"name":"n"}}"#.utf8)
        let r = parser.parse(RawEntry(bytes: bytes), arrival: 0, source: "")
        #expect(r.shape == .appJSON)
        #expect(r.message == "bad \u{FFFD}\u{FFFD} end")
        let plain = parser.parse(RawEntry(bytes: [0x61, 0xFE, 0x62]), arrival: 0, source: "")
        #expect(plain.message == "a\u{FFFD}b")
    }

    @Test func rawByteCountAndTruncationComeFromTheEntry() {
        var parser = LineParser()
        let r = parser.parse(RawEntry(bytes: Array("xxxx".utf8), lineCount: 1, truncated: true, rawByteCount: 3 << 20), arrival: 5, source: "f")
        #expect(r.truncated)
        #expect(r.rawByteCount == 3 << 20)
        #expect(r.arrival == 5 && r.source == "f")
    }
}

/// The plain-text field separator is found sixteen positions at a time; it
/// must be the first ` - ` a byte-by-byte search finds, wherever it lies.
@Suite("Plain-text separator")
struct PlainTextSeparatorTests {
    static func reference(_ p: [UInt8], from: Int) -> Int? {
        var i = from
        while i + 2 < p.count {
            if p[i] == 0x20, p[i + 1] == UInt8(ascii: "-"), p[i + 2] == 0x20 { return i }
            i += 1
        }
        return nil
    }

    @Test func theFirstSeparatorIsFoundAtEveryOffset() {
        let alphabet = Array(" - x-  -".utf8)
        var random = SeededRandom(seed: 21)
        func next(_ n: Int) -> Int { random.next(n) }
        var found = 0
        for _ in 0..<20_000 {
            let line = (0..<next(60)).map { _ in alphabet[next(alphabet.count)] }
            let from = next(line.count + 1)
            let expected = Self.reference(line, from: from)
            let actual = line.withUnsafeBufferPointer { LineParser.separator(in: $0, from: from) }
            #expect(actual == expected, "\(String(decoding: line, as: UTF8.self)) from \(from)")
            if expected != nil { found += 1 }
        }
        #expect(found > 5_000)
    }
}
