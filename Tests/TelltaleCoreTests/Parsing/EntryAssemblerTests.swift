import Testing
@testable import TelltaleCore

@Suite("EntryAssembler")
struct EntryAssemblerTests {
    static func assemble(_ lines: [String], maxEntryBytes: Int = 4 << 20, maxEntryLines: Int = 100_000) -> [RawEntry] {
        var assembler = EntryAssembler(maxEntryBytes: maxEntryBytes, maxEntryLines: maxEntryLines)
        var entries: [RawEntry] = []
        for line in lines { assembler.push(RawLine(bytes: Array(line.utf8))) { entries.append($0) } }
        assembler.finish { entries.append($0) }
        return entries
    }

    static func texts(_ entries: [RawEntry]) -> [String] { entries.map { String(decoding: $0.bytes, as: UTF8.self) } }

    @Test("single lines pass straight through", arguments: [
        ["plain text", "{\"a\": 1}", "[INFO] bracketed text", "  indented", ""],
        ["{\"ends in a brace but is not balanced\": {}"],
    ])
    func passThrough(lines: [String]) {
        let entries = Self.assemble(lines)
        #expect(Self.texts(entries) == lines)
        #expect(entries.allSatisfy { $0.lineCount == 1 })
    }

    @Test func prettyPrintedObjectBecomesOneEntry() {
        let lines = ["{", "  \"severity\": \"ERROR\",", "  \"message\": \"a { brace \\\" and } in a string\",", "  \"n\": {\"x\": [1, 2]}", "}"]
        let entries = Self.assemble(lines + ["next line"])
        #expect(Self.texts(entries) == [lines.joined(separator: "\n"), "next line"])
        #expect(entries.map(\.lineCount) == [5, 1])
        #expect(JSONValue.parse(entries[0].bytes)?["severity"] == .string("ERROR"))
    }

    @Test func gcloudArrayYieldsEachElement() {
        let lines = ["[", "  {", "    \"a\": 1,", "    \"b\": {\"c\": \"]\"}", "  },", "  {", "    \"a\": 2", "  }", "]"]
        let entries = Self.assemble(lines)
        #expect(entries.count == 2)
        #expect(JSONValue.parse(entries[0].bytes)?["a"] == .number(1))
        #expect(JSONValue.parse(entries[1].bytes)?["a"] == .number(2))
        #expect(entries.map(\.lineCount) == [4, 3])
    }

    @Test("single-line arrays yield their elements", arguments: [
        (["[{\"a\":1},{\"a\":2}]"], 2),
        (["[ {\"a\":1} , {\"a\":2} ]"], 2),
        (["  [{\"a\":1},", "{\"a\":2}]"], 2),
        (["[]"], 0),
    ])
    func singleLineArray(lines: [String], count: Int) {
        let entries = Self.assemble(lines)
        #expect(entries.compactMap { JSONValue.parse($0.bytes)?["a"] } == Array([JSONValue.number(1), .number(2)].prefix(count)))
        #expect(entries.count == count)
    }

    @Test func unterminatedObjectIsFlushedLineByLineAtFinish() {
        let lines = ["{", "  \"severity\": \"ERROR\",", "  \"message\": \"cut off"]
        #expect(Self.texts(Self.assemble(lines)) == lines)
    }

    @Test func newObjectAtColumnZeroFlushesTheOpenOne() {
        let lines = ["{\"a\": 1,", "{\"b\": 2}", "tail"]
        #expect(Self.texts(Self.assemble(lines)) == lines)
    }

    @Test func capsFlushLinesAsTheyAre() {
        let lines = ["{", "  \"a\": 1,", "  \"b\": 2,", "  \"c\": 3", "}"]
        let byLines = Self.assemble(lines, maxEntryLines: 3)
        #expect(byLines.count == lines.count)
        #expect(byLines.allSatisfy { $0.lineCount == 1 })
        let byBytes = Self.assemble(lines, maxEntryBytes: 12)
        #expect(byBytes.count == lines.count)
    }

    @Test func arrayHoldingNonObjectsIsFlushed() {
        let lines = ["[", "  1,", "  2", "]"]
        #expect(Self.texts(Self.assemble(lines)) == lines)
    }

    @Test func textAfterAClosedObjectKeepsTheLines() {
        let lines = ["{", "\"a\": 1", "} trailing"]
        #expect(Self.texts(Self.assemble(lines)) == lines)
    }

    @Test func truncatedLineInsideAnObjectFlushesIt() {
        var assembler = EntryAssembler()
        var entries: [RawEntry] = []
        assembler.push(RawLine(bytes: Array("{".utf8))) { entries.append($0) }
        assembler.push(RawLine(bytes: Array("  \"a\": \"xxxx".utf8), truncated: true, rawByteCount: 99)) { entries.append($0) }
        assembler.finish { entries.append($0) }
        #expect(Self.texts(entries) == ["{", "  \"a\": \"xxxx"])
        #expect(entries[1].truncated && entries[1].rawByteCount == 99)
    }
}
