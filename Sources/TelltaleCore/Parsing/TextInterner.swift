#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// Reuses the strings of names a log stream repeats on every line.
///
/// Logger, service and revision names come from a small set, yet each entry
/// carries them again; building a fresh `String` for each costs an allocation,
/// a copy and a free. A small direct-mapped table keyed by a cheap hash of the
/// bytes returns the string made last time (checked byte for byte, so a
/// collision only costs a miss). Long values skip the table: they are messages,
/// not names.
struct TextInterner: Sendable {
    private static let slotCount = 512
    private static let maxLength = 160
    private var raws: [[UInt8]] = Array(repeating: [], count: slotCount)
    private var texts: [String] = Array(repeating: "", count: slotCount)
    /// Each slot's text as a list of one name (none when it is empty): a
    /// plain-text entry's loggers, which cost an array a line to build.
    private var lists: [[String]] = Array(repeating: [], count: slotCount)

    /// Display-safe text for raw bytes, reused when the same bytes were seen.
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard let slot = slot(for: bytes) else { return DisplaySafeText.make(buffer: bytes) }
        return texts[slot]
    }

    /// `text(bytes)` as a list of one name, or no name when the text is empty.
    mutating func list(_ bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        guard let slot = slot(for: bytes) else {
            let text = DisplaySafeText.make(buffer: bytes)
            return text.isEmpty ? [] : [text]
        }
        return lists[slot]
    }

    /// The slot holding `bytes`, filled now if it held other bytes; nil for
    /// values the table skips.
    private mutating func slot(for bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let count = bytes.count
        guard count > 0, count <= Self.maxLength, let base = bytes.baseAddress else { return nil }
        let slot = Self.slot(base, count)
        let matches = raws[slot].withUnsafeBufferPointer { stored in
            stored.count == count && memcmp(stored.baseAddress!, base, count) == 0
        }
        if !matches {
            let text = DisplaySafeText.make(buffer: bytes)
            raws[slot] = Array(bytes)
            texts[slot] = text
            lists[slot] = text.isEmpty ? [] : [text]
        }
        return slot
    }

    /// Mixes the length with the first and last (up to) eight bytes: names that
    /// share a long dotted prefix still differ at the end.
    private static func slot(_ base: UnsafePointer<UInt8>, _ count: Int) -> Int {
        var head: UInt64 = 0
        var tail: UInt64 = 0
        let raw = UnsafeRawPointer(base)
        if count >= 8 {
            head = raw.loadUnaligned(as: UInt64.self)
            tail = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        } else {
            for i in 0..<count { head = head << 8 | UInt64(base[i]) }
        }
        var h = head &* 0x9E37_79B9_7F4A_7C15 ^ tail &* 0xC2B2_AE3D_27D4_EB4F ^ UInt64(count)
        h ^= h >> 29
        return Int(truncatingIfNeeded: h) & (slotCount - 1)
    }
}
