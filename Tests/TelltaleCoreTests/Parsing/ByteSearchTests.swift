import Testing
@testable import TelltaleCore

/// The block search answers as a byte-by-byte walk does, wherever the byte
/// it stops at falls against the sixteen-byte blocks and the word-sized tail.
@Suite("ByteSearch")
struct ByteSearchTests {
    static func reference(_ bytes: [UInt8], from: Int) -> Int {
        var i = from
        while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\") { i += 1 }
        return i
    }

    @Test func theStopAgreesWithAWalk() {
        var random = SeededRandom(seed: 5)
        func next(_ n: Int) -> Int { random.next(n) }
        let common = Array("abcdefghij klmnop:0123456789,".utf8)
        let rare: [UInt8] = [0x22, 0x5C, 0x00, 0x09, 0x1F, 0x20, 0x7E, 0x7F, 0x80, 0xC3, 0xFF]
        var stops = 0
        for _ in 0..<30_000 {
            let count = next(90)
            var bytes = (0..<count).map { _ in common[next(common.count)] }
            // One to three rare bytes, anywhere: a stop or another byte.
            for _ in 0..<(1 + next(3)) where count > 0 { bytes[next(count)] = rare[next(rare.count)] }
            let from = next(count + 1)
            let expected = Self.reference(bytes, from: from)
            let index = bytes.withUnsafeBufferPointer {
                ByteSearch.firstOf(UInt8(ascii: "\""), UInt8(ascii: "\\"), in: $0, from: from)
            }
            #expect(index == expected, "\(bytes) from \(from)")
            if expected < count { stops += 1 }
        }
        #expect(stops > 4_000)
    }
}
