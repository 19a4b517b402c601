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
}
