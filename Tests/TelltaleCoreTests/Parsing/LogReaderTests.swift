import Testing
@testable import TelltaleCore

@Suite("LogReader")
struct LogReaderTests {
    @Test func gcloudPrettyPrintedArray() throws {
        let records = ParsingFixtures.records(try ParsingFixtures.bytes("gcloud-logging-read.json"))
        #expect(records.count == 4)
        #expect(records.allSatisfy { $0.shape == .cloudLogging })
        #expect(records.map(\.severity) == [.error, .critical, .error, .error])
        #expect(records[0].revision == "netra-backend-staging-00642-9vv")
        #expect(records[2].message == "Application startup failed. Exiting.")
        #expect(records[3].httpRequest?.status == 503)
        #expect(records[3].message == "GET https://netra-backend-staging.example.run.app/health 503 13.04s")
    }

    @Test func arraySplitAcrossPushesAtEveryByteBoundary() throws {
        let bytes = try ParsingFixtures.bytes("gcloud-logging-read.json")
        let whole = ParsingFixtures.records(bytes)
        for cut in stride(from: 0, through: bytes.count, by: 1) {
            var reader = LogReader(source: "test")
            var records: [LogRecord] = []
            reader.feed(Array(bytes[..<cut]), arrival: 100) { records.append($0) }
            reader.feed(Array(bytes[cut...]), arrival: 100) { records.append($0) }
            reader.finish(arrival: 100) { records.append($0) }
            #expect(records == whole, "cut at \(cut)")
        }
        #expect(ParsingFixtures.records(bytes, chunkSize: 1) == whole)
    }

    @Test func singleLineArrayOfEntries() {
        let records = ParsingFixtures.records(#"[{"severity":"INFO","message":"a"},{"severity":"ERROR","message":"b"}]"# + "\n")
        #expect(records.map(\.message) == ["a", "b"])
        #expect(records.map(\.severity) == [.info, .error])
    }

    @Test func prettyPrintedSingleObject() {
        let text = "{\n  \"severity\": \"ERROR\",\n  \"message\": \"multi-line\",\n  \"labels\": {\n    \"module\": \"m\"\n  }\n}\n"
        let records = ParsingFixtures.records(text)
        #expect(records.count == 1)
        #expect(records[0].shape == .appJSON)
        #expect(records[0].message == "multi-line")
        #expect(records[0].rawByteCount == text.utf8.count - 1)
    }

    @Test func objectMissingItsEndBecomesUnparsedLinesAtFinish() {
        var reader = LogReader(source: "s")
        var records: [LogRecord] = []
        reader.feed(Array("{\n  \"severity\": \"ERROR\",\n  \"message\": \"never closed\"\n".utf8), arrival: 1) { records.append($0) }
        #expect(records.isEmpty)
        reader.finish(arrival: 2) { records.append($0) }
        #expect(records.map(\.shape) == [.unparsed, .unparsed, .unparsed])
        #expect(records.map(\.message) == ["{", "  \"severity\": \"ERROR\",", "  \"message\": \"never closed\""])
        #expect(reader.lines == 3 && reader.entries == 3)
    }

    @Test func countersAndBlankLines() {
        var reader = LogReader(source: "file.log")
        var records: [LogRecord] = []
        let text = "first\n\n   \nsecond\r\nthird"
        reader.feed(Array(text.utf8), arrival: 1) { records.append($0) }
        reader.finish(arrival: 2) { records.append($0) }
        #expect(records.map(\.message) == ["first", "second", "third"])
        #expect(records.map(\.arrival) == [1, 1, 2])
        #expect(records.allSatisfy { $0.source == "file.log" })
        #expect(reader.lines == 4)
        #expect(reader.entries == 3)
        #expect(reader.bytes == text.utf8.count)
    }

    @Test func hugeLineIsCountedOnceAndMarkedTruncated() {
        var reader = LogReader(source: "s", maxLineBytes: 1 << 20)
        var records: [LogRecord] = []
        let huge = [UInt8](repeating: UInt8(ascii: "y"), count: 3 << 20) + [0x0A]
        var start = 0
        while start < huge.count {
            let end = min(huge.count, start + 100_000)
            reader.feed(Array(huge[start..<end]), arrival: 1) { records.append($0) }
            start = end
        }
        reader.finish(arrival: 1) { records.append($0) }
        #expect(records.count == 1)
        #expect(records[0].truncated)
        #expect(records[0].rawByteCount == 3 << 20)
        #expect(records[0].message.utf8.count == 1 << 20)
        #expect(reader.lines == 1)
    }

    @Test func hugeJSONLineIsUnparsedButKept() {
        let line = #"{"severity":"ERROR","message":""# + String(repeating: "z", count: 300) + #""}"#
        var reader = LogReader(source: "s", maxLineBytes: 100)
        var records: [LogRecord] = []
        reader.feed(Array((line + "\nnext\n").utf8), arrival: 1) { records.append($0) }
        reader.finish(arrival: 1) { records.append($0) }
        #expect(records.count == 2)
        #expect(records[0].shape == .unparsed && records[0].truncated && records[0].rawByteCount == line.utf8.count)
        #expect(records[1].message == "next")
    }
}
