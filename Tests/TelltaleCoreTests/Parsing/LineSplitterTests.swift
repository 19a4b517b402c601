import Testing
@testable import TelltaleCore

@Suite("LineSplitter")
struct LineSplitterTests {
    static func split(_ chunks: [[UInt8]], maxLineBytes: Int = 1 << 20) -> [RawLine] {
        var splitter = LineSplitter(maxLineBytes: maxLineBytes)
        var lines: [RawLine] = []
        for chunk in chunks { splitter.push(chunk) { lines.append($0) } }
        splitter.finish { lines.append($0) }
        return lines
    }

    static func texts(_ lines: [RawLine]) -> [String] { lines.map { String(decoding: $0.bytes, as: UTF8.self) } }

    @Test("splits on LF, drops CR before it, keeps empty lines, emits the unterminated tail", arguments: [
        ("a\nb\n", ["a", "b"]),
        ("a\r\nb\r\n", ["a", "b"]),
        ("a\n\n\nb", ["a", "", "", "b"]),
        ("no newline", ["no newline"]),
        ("\n", [""]),
        ("", []),
        ("a\rb\n", ["a\rb"]),
        ("only\r", ["only"]),
    ])
    func splits(text: String, expected: [String]) {
        #expect(Self.texts(Self.split([Array(text.utf8)])) == expected)
    }

    @Test func lineSplitAcrossChunksAtEveryBoundary() {
        let text = Array("first line\r\nsecond, longer line\nthird\n".utf8)
        for cut1 in 0...text.count {
            for cut2 in cut1...text.count {
                let lines = Self.split([Array(text[..<cut1]), Array(text[cut1..<cut2]), Array(text[cut2...])])
                #expect(Self.texts(lines) == ["first line", "second, longer line", "third"], "cuts \(cut1) \(cut2)")
                #expect(lines.map(\.rawByteCount) == [10, 19, 5])
            }
        }
    }

    @Test("a 3 MiB line under a 1 MiB cap is emitted once, cut, with its real length", arguments: [1, 4096, 1 << 22])
    func overlongLine(chunkSize: Int) {
        let cap = 1 << 20
        var data = Array(repeating: UInt8(ascii: "x"), count: 3 << 20)
        data.append(0x0A)
        data.append(contentsOf: Array("after\n".utf8))
        var chunks: [[UInt8]] = []
        var start = 0
        // Chunks of 1 byte would take too long for 3 MiB: 1 means "odd-sized" here.
        let size = chunkSize == 1 ? 65_537 : chunkSize
        while start < data.count {
            chunks.append(Array(data[start..<min(data.count, start + size)]))
            start += size
        }
        let lines = Self.split(chunks, maxLineBytes: cap)
        #expect(lines.count == 2)
        #expect(lines[0].truncated)
        #expect(lines[0].bytes.count == cap)
        #expect(lines[0].rawByteCount == 3 << 20)
        #expect(!lines[1].truncated)
        #expect(Self.texts([lines[1]]) == ["after"])
    }

    @Test("a line exactly at the cap, with or without CR, is not cut", arguments: ["abcd\n", "abcd\r\n"])
    func exactlyAtCap(text: String) {
        for cut in 0...text.utf8.count {
            let bytes = Array(text.utf8)
            let lines = Self.split([Array(bytes[..<cut]), Array(bytes[cut...])], maxLineBytes: 4)
            #expect(lines == [RawLine(bytes: Array("abcd".utf8), truncated: false, rawByteCount: 4)], "cut \(cut)")
        }
    }

    @Test func unterminatedOverlongTailIsCutAtFinish() {
        let lines = Self.split([Array(repeating: 0x61, count: 10), Array(repeating: 0x62, count: 10)], maxLineBytes: 8)
        #expect(lines == [RawLine(bytes: Array(repeating: 0x61, count: 8), truncated: true, rawByteCount: 20)])
    }
}
