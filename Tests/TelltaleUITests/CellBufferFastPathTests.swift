import Testing
@testable import TelltaleUI

/// The frame's byte-level paths (ASCII written through one pointer, rows
/// compared with `memcmp`, rectangles filled a row at a time, ASCII wrapped by
/// byte counts) against the cell-by-cell and character-by-character forms
/// they stand in for, on generated input.
@Suite("Cell buffer fast paths")
struct CellBufferFastPathTests {
    /// A deterministic generator (a 64-bit LCG, high bits), so a failure repeats.
    struct Seeded {
        var state: UInt64
        mutating func below(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % n
        }
    }

    @Test("a cell has no padding, so rows compare as bytes")
    func cellIsAllValueBytes() {
        #expect(MemoryLayout<Cell>.size == MemoryLayout<Cell>.stride)
        #expect(MemoryLayout<StyleRole>.size == 1)
    }

    @Test("ASCII is written cell by cell at every offset and limit, clipped alike")
    func asciiPut() {
        var random = Seeded(state: 7)
        let alphabet = Array("abcXYZ 019-:|~".utf8)
        for _ in 0..<3_000 {
            let width = 1 + random.below(12)
            let text = String(decoding: (0..<random.below(16)).map { _ in alphabet[random.below(alphabet.count)] }, as: UTF8.self)
            let x = random.below(width + 8) - 6
            let limit: Int? = random.below(3) == 0 ? nil : random.below(width + 3) - 1
            let y = random.below(4) - 1
            let role = StyleRole.allCases[random.below(StyleRole.allCases.count)]
            // The string and a slice of a longer one take the same path.
            let padded = "<" + text + ">"
            let slice = padded.dropFirst().dropLast()
            var fast = CellBuffer(width: width, height: 2, fill: Cell("·"))
            var sliced = fast
            let end = fast.put(text, x: x, y: y, role: role, limit: limit)
            let slicedEnd = sliced.put(slice, x: x, y: y, role: role, limit: limit)

            var expected = CellBuffer(width: width, height: 2, fill: Cell("·"))
            let stop = min(limit ?? width, width)
            var column = x
            if y >= 0, y < 2 {
                for byte in text.utf8 {
                    if column >= stop { break }
                    if column >= 0 { expected[column, y] = Cell(String(UnicodeScalar(byte)), role: role) }
                    column += 1
                }
            }
            #expect(fast == expected, "\(text) at \(x),\(y) limit \(String(describing: limit)) in \(width)")
            #expect(sliced == expected)
            #expect(end == column && slicedEnd == column)
        }
    }

    @Test("filling and restyling clip to the buffer, wherever the rectangle lies")
    func fillAndRestyle() {
        var random = Seeded(state: 11)
        for _ in 0..<2_000 {
            let width = random.below(9), height = random.below(7)
            let rect = Rect(x: random.below(24) - 12, y: random.below(20) - 10, width: random.below(16) - 3, height: random.below(12) - 3)
            var filled = CellBuffer(width: width, height: height)
            filled.fill(rect, with: Cell("#", role: .crit))
            filled.restyle(rect, role: .ok, attributes: .bold)
            for y in 0..<height {
                for x in 0..<width {
                    let inside = x >= rect.x && x < rect.maxX && y >= rect.y && y < rect.maxY
                    #expect(filled[x, y] == (inside ? Cell("#", role: .ok, attributes: .bold) : .blank), "\(rect) at \(x),\(y)")
                }
            }
        }
    }

    @Test("the diff finds exactly the changed runs, row compare or not")
    func diffMatchesACellByCellWalk() {
        var random = Seeded(state: 13)
        for _ in 0..<400 {
            let width = 1 + random.below(30), height = 1 + random.below(8)
            var before = CellBuffer(width: width, height: height)
            for _ in 0..<random.below(40) {
                before.put(String(UnicodeScalar(UInt8(0x41 + random.below(26)))), x: random.below(width), y: random.below(height))
            }
            var after = before
            for _ in 0..<random.below(6) {
                let x = random.below(width), y = random.below(height)
                switch random.below(3) {
                case 0: after.put("z", x: x, y: y)
                case 1: after.restyle(Rect(x: x, y: y, width: 1, height: 1), role: .warn)
                default: after.restyle(Rect(x: x, y: y, width: 1, height: 1), role: after[x, y].role, attributes: .underline)
                }
            }
            var expected: [CellBuffer.Run] = []
            for y in 0..<height {
                var x = 0
                while x < width {
                    guard after[x, y] != before[x, y] else { x += 1; continue }
                    let start = x
                    while x < width, after[x, y] != before[x, y] { x += 1 }
                    expected.append(.init(x: start, y: y, count: x - start))
                }
            }
            #expect(after.diff(from: before) == expected)
        }
    }

    @Test("printable ASCII wraps by byte counts as it does character by character")
    func asciiWrap() {
        var random = Seeded(state: 17)
        for _ in 0..<3_000 {
            let text = String(decoding: (0..<random.below(70)).map { _ in UInt8(0x20 + random.below(0x5F)) }, as: UTF8.self)
            let width = random.below(14), maxLines = random.below(4)
            #expect(ASCIIText.isPrintableASCII(text))
            #expect(TextFit.wrapASCII(text, width, maxLines: maxLines) == TextFit.wrapCharacters(text, width, maxLines: maxLines),
                    "\(text) in \(width)×\(maxLines)")
        }
    }

    @Test("the ASCII tests answer as a byte walk does", arguments: [
        ("plain words", true, true), ("", true, true), ("tab\there", true, false), ("crlf\r\n", true, false),
        ("del\u{7F}", true, false), ("café", false, false), ("│ box", false, false), ("日本", false, false),
    ])
    func asciiQuestions(text: String, ascii: Bool, printable: Bool) {
        #expect(ASCIIText.isASCII(text) == ascii)
        #expect(ASCIIText.isPrintableASCII(text) == printable)
        let slice = ("x" + text + "y").dropFirst().dropLast()
        #expect(ASCIIText.isASCII(slice) == ascii)
        #expect(ASCIIText.isPrintableASCII(slice) == printable)
        // A text with a line break is wrapped character by character ("\r\n" is one).
        #expect(TextFit.wrap("ab\r\ncd", 3, maxLines: 2) == ["ab\r\n", "cd"])
    }
}
