#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// A substring looked for in log text, compared byte by byte on UTF-8.
///
/// Classification runs on every entry, so the needle is stored as bytes (already
/// folded to lower case when the rule is case-insensitive) and the haystack is
/// folded on the fly while comparing: no String is built or lower-cased per entry.
/// Folding is ASCII only, which is what the backend's English messages need and
/// keeps multi-byte characters compared exactly.
struct TextNeedle: Sendable, Equatable {
    let bytes: [UInt8]
    let foldsCase: Bool
    /// Where in the needle the search anchors (see `anchor(of:foldsCase:)`).
    let anchor: Int

    init(_ text: String, foldsCase: Bool) {
        self.foldsCase = foldsCase
        self.bytes = foldsCase ? text.utf8.map(TextNeedle.foldASCII) : Array(text.utf8)
        anchor = TextNeedle.anchor(of: bytes, foldsCase: foldsCase)
    }

    /// Where the needle's two representative bytes start (for the one-pass
    /// prefilters): its anchor and the byte after it, or the byte before when
    /// the anchor is last. Needs at least two bytes.
    var pairStart: Int { anchor + 1 < bytes.count ? anchor : anchor - 1 }

    /// Whether the needle occurs anywhere in `text`.
    func occurs(in text: String) -> Bool {
        var text = text
        return text.withUTF8 { occurs(inBytes: $0) }
    }

    /// Whether the needle occurs in a UTF-8 buffer.
    ///
    /// It jumps between the occurrences of the needle's rarest byte (of either
    /// case when folding) with `memchr`, which scans at memory speed, and
    /// compares the whole needle only there: nearly every entry holds none of
    /// the needles, and a common first letter would stop the scan at every word.
    func occurs(inBytes haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        guard count > 0 else { return true }
        guard haystack.count >= count, let hay = haystack.baseAddress else { return false }
        return bytes.withUnsafeBufferPointer { needle in
            let lastStart = haystack.count - count
            let anchor = self.anchor
            // The next needle start at or after `start` whose anchor byte is `byte`.
            func next(_ byte: UInt8, from start: Int) -> Int {
                guard start <= lastStart,
                      let hit = memchr(hay + start + anchor, Int32(byte), lastStart + 1 - start) else { return Int.max }
                return hay.distance(to: hit.assumingMemoryBound(to: UInt8.self)) - anchor
            }
            guard foldsCase else {
                var start = next(needle[anchor], from: 0)
                while start <= lastStart {
                    if memcmp(hay + start, needle.baseAddress!, count) == 0 { return true }
                    start = next(needle[anchor], from: start + 1)
                }
                return false
            }
            let lower = needle[anchor]
            let upper = lower &- 0x61 < 26 ? lower - 0x20 : lower
            var nextLower = next(lower, from: 0)
            var nextUpper = upper == lower ? Int.max : next(upper, from: 0)
            while true {
                let start = min(nextLower, nextUpper)
                guard start <= lastStart else { return false }
                var offset = 0
                while offset < count, TextNeedle.foldASCII(hay[start + offset]) == needle[offset] { offset += 1 }
                if offset == count { return true }
                if start == nextLower {
                    nextLower = next(lower, from: start + 1)
                } else {
                    nextUpper = next(upper, from: start + 1)
                }
            }
        }
    }

    /// Whether the needle could occur in a text across some of `inserted`'s
    /// bytes once they are put into it: whether, at some offset, it overlaps
    /// `inserted` and agrees with it (as it compares) wherever it does.
    ///
    /// An occurrence that overlaps nothing inserted lies in text that was
    /// there before; so when this is false, inserting `inserted` anywhere (a
    /// redaction marker) makes no occurrence that was not there.
    func mayOccur(across inserted: [UInt8]) -> Bool {
        let text = foldsCase ? inserted.map(TextNeedle.foldASCII) : inserted
        // `shift`: where `text` starts, counted from the needle's start.
        for shift in (1 - text.count)..<bytes.count {
            let overlap = max(0, shift)..<min(bytes.count, shift + text.count)
            if overlap.allSatisfy({ bytes[$0] == text[$0 - shift] }) { return true }
        }
        return false
    }

    /// The position of the byte least likely to occur in English log text:
    /// punctuation and capitals before digits before lower-case letters
    /// (rarest first), spaces last; a folded letter costs two scans.
    static func anchor(of needle: [UInt8], foldsCase: Bool) -> Int {
        var best = 0
        for index in needle.indices where cost(needle[index], foldsCase: foldsCase) < cost(needle[best], foldsCase: foldsCase) {
            best = index
        }
        return best
    }

    private static let letterFrequency = Array("etaoinsrhldcumfpgwybvkxjqz".utf8)

    /// How likely `byte` is in English log text, lower for rarer (see
    /// `anchor(of:foldsCase:)`).
    static func cost(_ byte: UInt8, foldsCase: Bool) -> Int {
        switch byte {
        case 0x20: return 1000
        case UInt8(ascii: "a")...UInt8(ascii: "z"):
            let rank = letterFrequency.firstIndex(of: byte) ?? 0
            return 40 + (26 - rank) + (foldsCase ? 10 : 0)
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return 20
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return 30
        case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "\""), UInt8(ascii: "'"): return 25
        default: return byte >= 0x80 ? 35 : 15
        }
    }

    @inline(__always)
    static func foldASCII(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }
}
