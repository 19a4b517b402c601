import Testing
@testable import TelltaleCore

@Suite("DisplaySafeText")
struct DisplaySafeTextTests {
    @Test("bytes become visible, safe text", arguments: [
        ([UInt8]("plain ascii".utf8), "plain ascii"),
        ([0x1B, 0x5B, 0x32, 0x4A], "\u{241B}[2J"),
        ([0x61, 0x00, 0x62], "a\u{2400}b"),
        ([0x61, 0x09, 0x62], "a b"),
        ([0x61, 0x0A, 0x62, 0x0D], "a\u{240A}b\u{240D}"),
        ([0x7F], "\u{2421}"),
        ([0xC2, 0x9B, 0x41], "\u{FFFD}A"),
        ([0x61, 0xFF, 0x62], "a\u{FFFD}b"),
        ([0xE2, 0x82], "\u{FFFD}"),
        ([0xC3, 0xA9, 0xF0, 0x9F, 0x98, 0x80], "é😀"),
        ([], ""),
        ([UInt8]("exactly sixteen!".utf8) + [0x07], "exactly sixteen!\u{2407}"),
    ])
    func safe(bytes: [UInt8], expected: String) {
        #expect(DisplaySafeText.make(bytes) == expected)
    }

    @Test("invalid UTF-8 is repaired like String(decoding:as:)", arguments: [
        [0x80, 0x80, 0x41], [0xF0, 0x9F, 0x41], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF8, 0x88, 0x80, 0x80, 0x80],
    ] as [[UInt8]])
    func repair(bytes: [UInt8]) {
        #expect(DisplaySafeText.make(bytes) == String(decoding: bytes, as: UTF8.self))
    }

    @Test func noRawControlCharacterSurvivesAnyByte() {
        for b in UInt8.min...UInt8.max {
            let text = DisplaySafeText.make([0x41, b, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49])
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 || ($0.value >= 0x7F && $0.value <= 0x9F) }, "byte \(b)")
        }
    }

    @Test func scalarsFromDecodedJSON() {
        #expect(DisplaySafeText.make(scalars: "\u{1B}]0;title\u{07}".unicodeScalars) == "␛]0;title␇")
        #expect(DisplaySafeText.make(scalars: "tab\there\u{85}".unicodeScalars) == "tab here\u{FFFD}")
    }
}

/// The printable-ASCII check reads two blocks of sixteen bytes a round, then
/// one, then a last block overlapping the one before (shorter buffers eight
/// bytes, then one at a time): one byte outside 0x20...0x7E anywhere must be
/// found.
@Suite("DisplaySafeText.isPlainASCII")
struct PlainASCIITests {
    @Test func everyByteIsJudgedAtEveryPosition() {
        for length in [1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 40, 47, 48, 49, 63, 64, 65, 80, 95, 128, 129] {
            for position in 0..<length {
                for byte in UInt8.min...UInt8.max {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    bytes[position] = byte
                    let plain = bytes.withUnsafeBufferPointer { DisplaySafeText.isPlainASCII($0) }
                    #expect(plain == (byte >= 0x20 && byte <= 0x7E), "byte \(byte) at \(position) of \(length)")
                }
            }
        }
        #expect([UInt8]().withUnsafeBufferPointer { DisplaySafeText.isPlainASCII($0) })
    }
}
