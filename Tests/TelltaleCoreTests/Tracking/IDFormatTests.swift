import Testing
@testable import TelltaleCore

@Suite("IDFormat")
struct IDFormatTests {
    @Test("classifies id tokens", arguments: [
        ("test_user_1_3f9a2b7c", IDFormat?.some(.unified)),
        ("session_23071_097ce80c", .unified),
        ("run_thread_7_12_0a1b2c3d", .unified),
        ("ws_conn_demo-use_1757939142000_3_9f8e7d6c", .unified),
        ("main_5b14bc0d", .legacy),
        ("usr_3af27f80", .legacy),
        ("user_3f9a2b7c1d2e4f5a", .fallback),
        ("user_3f9a2b7c1d2e", .fallback),
        ("user_" + String(repeating: "a1", count: 32), .fallback),
        ("user_" + String(repeating: "a1", count: 32) + "f", nil),
        ("user_3f9a2b7c1d2", nil),           // 11 hex: neither legacy nor fallback
        ("usr_3AF27F80", nil),               // uppercase hex is not what the backend emits
        ("test_user_3f9a2b7c", nil),         // no counter
        ("session_23071_097ce80", nil),      // 7 hex
        ("session_x1_097ce80c", nil),        // counter is not digits
        ("Main_5b14bc0d", nil),              // first word must be lowercase
        ("_5b14bc0d", nil),
        ("main__5b14bc0d", nil),
        ("main_5b14bc0d_", nil),
        ("3f9a2b7c", nil),
        ("pool_size", nil),
        ("demo-user-001", nil),
        ("", nil),
    ])
    func classify(token: String, format: IDFormat?) {
        #expect(IDFormat.classify(token) == format)
    }

    @Test func classifiesSubstrings() {
        let line = "connection: main_57a7aacf,"
        let token = line.dropFirst(12).dropLast()
        #expect(IDFormat.classify(token) == .legacy)
    }

    /// The rules as they read, part by part: the one-pass classifier must
    /// agree with them on tokens made of every kind of part.
    static func reference(_ token: String) -> IDFormat? {
        let parts = token.split(separator: "_", omittingEmptySubsequences: false).map { Array($0.utf8) }
        guard parts.count >= 2, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        let lower = { (b: UInt8) in b >= 0x61 && b <= 0x7A }
        let digit = { (b: UInt8) in b >= 0x30 && b <= 0x39 }
        guard parts[0].allSatisfy(lower),
              parts.dropFirst().allSatisfy({ $0.allSatisfy { digit($0) || lower($0 | 0x20) || $0 == 0x2D } }),
              parts.last!.allSatisfy({ digit($0) || ($0 >= 0x61 && $0 <= 0x66) }) else { return nil }
        let last = parts.last!.count
        if parts.count == 2 { return last == 8 ? .legacy : (12...64).contains(last) ? .fallback : nil }
        return last == 8 && parts[parts.count - 2].allSatisfy(digit) ? .unified : nil
    }

    /// The hex tail is read sixteen bytes at a time back from the token's
    /// end: every tail length, at every place against the blocks, after
    /// bytes outside the token that are hex digits too.
    @Test func readsHexTailsOfEveryLengthAtEveryOffset() {
        let digits = Array("0123456789abcdef".utf8)
        for pad in 0..<20 {
            for length in 0..<70 {
                for prefix in ["main_", "session_12_", "Main_"] {
                    let tail = (0..<length).map { digits[($0 * 7 + pad) % 16] }
                    let token = Array(prefix.utf8) + tail
                    let buffer = [UInt8](repeating: UInt8(ascii: "9"), count: pad) + token
                    let format = buffer.withUnsafeBufferPointer { IDFormat.classify($0, pad..<buffer.count) }
                    let text = String(decoding: token, as: UTF8.self)
                    #expect(format == Self.reference(text), "\(text) after \(pad)")
                }
            }
        }
        // A run of hex digits that begins before the token is cut at its start.
        let glued = Array("0123456789abcdef0123".utf8)
        #expect(glued.withUnsafeBufferPointer { IDFormat.classify($0, 4..<glued.count) } == nil)
        let upper = Array("main_5b14bC0d".utf8)
        #expect(upper.withUnsafeBufferPointer { IDFormat.classify($0, 0..<upper.count) } == nil)
    }

    @Test func agreesWithThePartByPartRules() {
        let pieces = ["main", "session", "Ab", "77694", "2ef3fc17", "5b14bc0d", "3f9a2b7c1d2e", "demo-use",
                      "x1", "", "0a", "ffffffffffffffffffff", "ZZ", "9", "abcdefab"]
        var state: UInt64 = 3
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % n
        }
        var seen = Set<IDFormat?>()
        for _ in 0..<20_000 {
            let token = (0..<(1 + next(4))).map { _ in pieces[next(pieces.count)] }.joined(separator: "_")
            let expected = Self.reference(token)
            seen.insert(expected)
            #expect(IDFormat.classify(token) == expected, "\(token)")
        }
        #expect(seen.count == 4)
    }
}

/// The tally of a message is the classification of each of its tokens,
/// wherever the tokens fall against the scan's sixteen-byte blocks.
@Suite("IDTally")
struct IDTallyTests {
    static func reference(_ message: String) -> IDTally {
        var tally = IDTally()
        let tokenBytes = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-".utf8)
        let tokens = Array(message.utf8).split { !tokenBytes.contains($0) }
        for token in tokens where token.contains(UInt8(ascii: "_")) {
            switch IDFormatTests.reference(String(decoding: token, as: UTF8.self)) {
            case .unified?: tally.unified += 1
            case .legacy?: tally.legacy += 1
            case .fallback?: tally.fallback += 1
            case nil: break
            }
        }
        return tally
    }

    @Test func everyTokenIsCountedAtEveryOffset() {
        let tokens = ["session_23071_097ce80c", "main_5b14bc0d", "user_3f9a2b7c1d2e4f5a", "supervisor_agent", "_", "x_",
                      "run_77694_31_5e4be0f5", "demo-user-001", "ws_conn_demo-use_1_3f9a2b7c", "Ab_12345678",
                      "a__12345678", "x_1234567890abcdef_", "a_very_long_snake_case_name_of_forty_bytes_or_more_12345678"]
        // Bytes on either side of the token bytes' ranges, and none at all
        // (the token then runs on into the `m`s before it).
        let separators = [" ", ", ", "/", " for ", "", "@", "[", "`", "{", ":", "é", "\u{7F}"]
        var random = SeededRandom(seed: 11)
        func next(_ n: Int) -> Int { random.next(n) }
        var counted = 0
        for _ in 0..<5_000 {
            var message = String(repeating: "m", count: next(40))
            for _ in 0..<next(4) {
                message += separators[next(separators.count)] + tokens[next(tokens.count)]
            }
            message += String(repeating: " q", count: next(12))
            let expected = Self.reference(message)
            #expect(IDTally.scan(message) == expected, "\(message)")
            // The extent: the end of the last token holding a `_`.
            let tokenBytes = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-".utf8)
            let bytes = Array(message.utf8)
            var extent = 0
            if let last = bytes.lastIndex(of: UInt8(ascii: "_")) {
                extent = bytes[last...].firstIndex { !tokenBytes.contains($0) } ?? bytes.count
            }
            #expect(bytes.withUnsafeBufferPointer { IDTally.scanWithExtent(bytes: $0) } == (expected, extent), "\(message)")
            counted += expected.unified + expected.legacy + expected.fallback
        }
        #expect(counted > 2_000)
    }
}
