#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// Finds a `TemplateCounter`'s entry by the bytes of its template: an
/// open-addressing table of entry numbers under a cheap hash of the bytes,
/// each hit confirmed by comparing them.
///
/// A `[String: Int]` needed the template built as a String and hashed with
/// SipHash for every warning, though nearly every warning's template is one
/// already seen: a tenth of the cost of counting a warning. The counter holds
/// at most its capacity (and one entry for the rest), so the table, sized at
/// twice that, is never more than half full, and a lookup ends at an empty
/// slot after a few probes.
struct TemplateIndex: Sendable {
    /// Entry number + 1 per slot; 0 is an empty slot.
    private var slots: [Int32]
    private let mask: Int
    private var count = 0

    /// A table for up to `capacity` entries.
    init(capacity: Int) {
        var size = 16
        while size < 2 * (capacity + 1) { size <<= 1 }
        slots = Array(repeating: 0, count: size)
        mask = size - 1
    }

    /// The entry with `hash` for which `isEntry` says its template is the one
    /// sought, or nil.
    func find(hash: UInt64, where isEntry: (Int) -> Bool) -> Int? {
        var slot = Int(truncatingIfNeeded: hash >> 32) & mask
        while true {
            let entry = Int(slots[slot]) - 1
            if entry < 0 { return nil }
            if isEntry(entry) { return entry }
            slot = (slot + 1) & mask
        }
    }

    /// Files `entry` under `hash` (the caller found no entry with its template).
    mutating func insert(_ entry: Int, hash: UInt64) {
        // More entries than the table was made for would fill it, and a probe
        // for an absent one would never end.
        precondition(count < slots.count / 2, "TemplateIndex holds more entries than its capacity")
        count += 1
        var slot = Int(truncatingIfNeeded: hash >> 32) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(entry + 1)
    }

    /// A hash of `bytes`, eight at a time (not for untrusted keys at large:
    /// here at most the counter's capacity of them ever share the table).
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash = UInt64(bytes.count) &* multiplier
        guard let base = bytes.baseAddress else { return hash }
        let raw = UnsafeRawPointer(base)
        func mix(_ word: UInt64) {
            hash = (hash ^ word) &* multiplier
            hash ^= hash >> 29
        }
        var at = 0
        while at + 8 <= bytes.count {
            mix(raw.loadUnaligned(fromByteOffset: at, as: UInt64.self))
            at += 8
        }
        if at < bytes.count {
            var last: UInt64 = 0
            for (shift, index) in (at..<bytes.count).enumerated() {
                last |= UInt64(bytes[index]) << UInt64(shift * 8)
            }
            mix(last)
        }
        return hash ^ (hash >> 32)
    }

    /// Whether `text` is spelled by `bytes`.
    static func spells(_ text: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var text = text
        return text.withUTF8 { stored in
            stored.count == bytes.count
                && (stored.isEmpty || memcmp(stored.baseAddress!, bytes.baseAddress!, stored.count) == 0)
        }
    }
}
