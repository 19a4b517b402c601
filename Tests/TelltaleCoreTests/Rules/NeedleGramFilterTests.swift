import Testing
@testable import TelltaleCore

/// The sampled gram search must answer exactly as searching every needle
/// does: it only reads every few positions, so a needle it steps over, or
/// one at the very end of a message, is the failure to look for.
@Suite("Needle gram filter")
struct NeedleGramFilterTests {
    /// The default pack's needles at INFO (shortest 9 bytes: stride 5), in
    /// both cases, and a set of long needles (a wider stride).
    static let infoNeedles: [(String, Bool)] = [
        ("UnifiedIDManager initialized", false), ("DUPLICATE CONNECTION REGISTRATION DETECTED", false),
        ("user_id: ", false), ("database connection established", true),
        ("database initialized successfully", true), ("database connection restored", true),
    ]
    static let longNeedles: [(String, Bool)] = [
        ("Multiple manager instances for user", false), ("timeout connecting to cloud sql", true),
        ("core database unavailable", true),
    ]

    @Test(arguments: [infoNeedles, longNeedles])
    func itFindsANeedleExactlyWhenOneOccurs(_ needles: [(String, Bool)]) throws {
        var random = SeededRandom(seed: 11)
        let textNeedles = needles.map { TextNeedle($0.0, foldsCase: $0.1) }
        let filter = try #require(NeedleGramFilter(textNeedles))
        // Letters the needles are made of, so that near misses are common.
        let alphabet = Array("abcdeilnorstuDINCOTRUE _:-".utf8)
        var found = 0
        for round in 0..<30_000 {
            var message = (0..<random.next(70)).map { _ in alphabet[random.next(alphabet.count)] }
            if round % 2 == 0 {
                let (text, folds) = needles[random.next(needles.count)]
                var planted = Array(text.utf8)
                if folds {
                    planted = planted.map { random.next(2) == 0 ? $0 : ($0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0) }
                } else if round % 6 == 0 {
                    // A case-sensitive needle in the wrong case does not occur.
                    planted = planted.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
                }
                // Anywhere, the end included (every third round).
                let at = round % 3 == 0 ? message.count : random.next(message.count + 1)
                message.insert(contentsOf: planted, at: at)
            }
            let occurs = message.withUnsafeBufferPointer { p in textNeedles.contains { $0.occurs(inBytes: p) } }
            let answer = message.withUnsafeBufferPointer { filter.occurs(in: $0) }
            #expect(answer == occurs, "\(String(decoding: message, as: UTF8.self))")
            if occurs { found += 1 }
        }
        #expect(found > 10_000)
    }

    @Test func everyOffsetOfEveryNeedleIsSeen() throws {
        let textNeedles = Self.infoNeedles.map { TextNeedle($0.0, foldsCase: $0.1) }
        let filter = try #require(NeedleGramFilter(textNeedles))
        #expect(filter.stride == 5)
        for needle in textNeedles {
            // Every position of the needle relative to the samples, and
            // every distance from the message's end.
            for before in 0..<12 {
                for after in 0..<12 {
                    let message = Array(repeating: UInt8(ascii: "."), count: before) + needle.bytes
                        + Array(repeating: UInt8(ascii: "."), count: after)
                    #expect(message.withUnsafeBufferPointer { filter.occurs(in: $0) },
                            "\(String(decoding: message, as: UTF8.self))")
                }
            }
        }
    }

    @Test func aMessageShorterThanEveryNeedleHoldsNone() throws {
        let filter = try #require(NeedleGramFilter([TextNeedle("user_id: ", foldsCase: false)]))
        #expect(!Array("user_id:".utf8).withUnsafeBufferPointer { filter.occurs(in: $0) })
        #expect(Array("user_id: ".utf8).withUnsafeBufferPointer { filter.occurs(in: $0) })
    }

    /// Short needles leave too small a stride, or messages too short for
    /// the filter's eight-byte loads: the pairs are used instead.
    @Test func shortNeedlesOrNoneGiveNoFilter() {
        #expect(NeedleGramFilter([TextNeedle("asyncpg", foldsCase: true), TextNeedle("websocket", foldsCase: true)]) == nil)
        #expect(NeedleGramFilter([]) == nil)
        #expect(NeedleGramFilter([TextNeedle("token", foldsCase: true)]) == nil)
        #expect(NeedleGramFilter([TextNeedle("asyncpg", foldsCase: true)]) == nil)
        #expect(NeedleGramFilter([TextNeedle("psycopg2", foldsCase: true)])?.stride == 4)
        #expect(NeedleGramFilter([TextNeedle("websocket", foldsCase: true)]) != nil)
    }

    /// The shortest needle a filter takes, in messages as short as it and
    /// with it at every offset of the last eight bytes.
    @Test func anEightByteNeedleIsFoundAtEveryOffset() throws {
        let filter = try #require(NeedleGramFilter([TextNeedle("psycopg2", foldsCase: true)]))
        for before in 0..<12 {
            for after in 0..<12 {
                let message = Array(String(repeating: ".", count: before) + "PsycoPG2" + String(repeating: ".", count: after)).map { UInt8(ascii: $0.unicodeScalars.first!) }
                #expect(message.withUnsafeBufferPointer { filter.occurs(in: $0) })
                let missing = message.filter { $0 != UInt8(ascii: "2") }
                #expect(!missing.withUnsafeBufferPointer { filter.occurs(in: $0) })
            }
        }
    }
}
