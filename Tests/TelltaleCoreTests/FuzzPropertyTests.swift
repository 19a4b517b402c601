import Testing
@testable import TelltaleCore

/// The properties the fuzz targets check (`Fuzz/`), run on hand-made hostile
/// inputs in every `swift test`, so a regression shows without a fuzzing run.
@Suite("Fuzz properties on hostile inputs")
struct FuzzPropertyTests {
    static let hostile: [String] = [
        String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n",
        String(repeating: "{\"a\":", count: 5_000) + "1" + String(repeating: "}", count: 5_000) + "\n",
        "{\n  \"severity\": \"ERROR\",\n  \"message\": \"never closed\n",
        "[\n  {\n    \"severity\": \"INFO\"\n  },\n  42,\n  {\"message\": \"x\"}\n]\n",
        "{\"message\": \"a\\\"}{\\\\\"}\n{\"message\":\"\\u0000\\u001b]0;t\\u0007\"}\n",
        "2025-09-15 12:00:00,000 - s - l - ERROR - boom\nTraceback (most recent call last):\n  File \"x\"\n{\"severity\":\"INFO\",\"message\":\"m\"}\n  indented\n",
        "password=\"unterminated token=' Authorization: Bearer eyJa.eyJb. api_key=\n",
        "\u{FEFF}{\"severity\":\"WARNING\",\"message\":\"bom\"}\r\n\r\n\t\n",
    ]

    static func records(_ bytes: [UInt8], chunk: Int, cap: Int) -> (records: [LogRecord], lines: Int, entries: Int) {
        var reader = LogReader(source: "fuzz", maxLineBytes: cap)
        var out: [LogRecord] = []
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunk)
            reader.feed(Array(bytes[start..<end]), arrival: 1) { out.append($0) }
            start = end
        }
        reader.finish(arrival: 1) { out.append($0) }
        return (out, reader.lines, reader.entries)
    }

    @Test(arguments: hostile.indices)
    func chunkingNeverChangesTheRecords(index: Int) {
        let bytes = Array(Self.hostile[index].utf8) + [0xFF, 0xC3, 0x0A]
        for cap in [64, 1 << 20] {
            let whole = Self.records(bytes, chunk: .max, cap: cap)
            for chunk in [1, 3, 17] {
                let split = Self.records(bytes, chunk: chunk, cap: cap)
                #expect(split.records == whole.records, "chunks of \(chunk), cap \(cap)")
                #expect(split.lines == whole.lines && split.entries == whole.entries)
            }
        }
    }

    @Test(arguments: hostile.indices)
    func theAssemblerNeverInventsLines(index: Int) {
        var assembler = EntryAssembler(maxEntryBytes: 100, maxEntryLines: 3)
        var pushed = 0, emitted = 0
        for line in Array(Self.hostile[index].utf8).split(separator: 0x0A, omittingEmptySubsequences: false) {
            pushed += 1
            assembler.push(RawLine(bytes: Array(line))) { emitted += $0.lineCount }
        }
        assembler.finish { emitted += $0.lineCount }
        #expect(emitted <= pushed)
        #expect(emitted > 0)
    }

    /// Found while writing the fuzz targets: a 200 KB `[[[[…]]]]` took 23 s in a
    /// debug build, the builder rescanning every level up to the depth limit.
    @Test func deepJSONValuesAreRejectedInLinearTime() {
        let start = ContinuousClock.now
        #expect(JSONValue.parse(String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)) == nil)
        #expect(JSONValue.parse(String(repeating: #"{"a":"#, count: 100_000) + "1" + String(repeating: "}", count: 100_000)) == nil)
        #expect(ContinuousClock.now - start < .seconds(3))
        let limit = JSONValue.maxParseDepth
        #expect(JSONValue.parse(String(repeating: "[", count: limit) + String(repeating: "]", count: limit)) != nil)
        #expect(JSONValue.parse(String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)) == nil)
        #expect(JSONValue.parse(#"["[[[[\"{", 1]"#) != nil)
        #expect(JSONValue.parse(String(repeating: "[", count: 10)) == nil)
        #expect(JSONValue.parse("[[[1]]]") != nil)
    }

    @Test(arguments: [
        "rules: [", "rules:\n  - name: x\n    signal: duplication\n    regex: '(?<a>'\n", "redact: [1, '']\n",
        "&a [*a]", "rules: !!binary AAAA", "redact:\n  - '((((a+))))+'\n",
        String(repeating: "- ", count: 2_000) + "x",
    ])
    func brokenConfigThrowsAConfigError(yaml: String) {
        #expect(throws: ConfigError.self) { try TelltaleConfig.load(yaml: yaml, file: "f.yaml") }
    }
}
