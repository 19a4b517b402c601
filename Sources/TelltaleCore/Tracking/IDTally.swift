#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// How many id tokens of each format one message holds.
///
/// Counting needs nothing but the message, so it is done where records are
/// prepared (on any thread, before the watch's lock); `IDManagerTracker`
/// only adds the tally to its windows.
public struct IDTally: Sendable, Equatable {
    public var unified = 0
    public var legacy = 0
    public var fallback = 0

    public init(unified: Int = 0, legacy: Int = 0, fallback: Int = 0) {
        self.unified = unified
        self.legacy = legacy
        self.fallback = fallback
    }

    public var isEmpty: Bool { unified == 0 && legacy == 0 && fallback == 0 }

    /// Counts every id token in free text by format. Tokens are runs of
    /// `[A-Za-z0-9_-]`; a message without `_` holds no id and is skipped at once.
    public static func scan(_ message: String) -> IDTally {
        var text = message
        return text.withUTF8 { scan(bytes: $0) }
    }

    /// The ids in a message held as UTF-8 bytes.
    public static func scan(bytes: UnsafeBufferPointer<UInt8>) -> IDTally {
        scanWithExtent(bytes: bytes).ids
    }

    /// The ids in a message, and where the last token holding a `_` ends
    /// (0 when there is none): every id lies before `extent`, and the byte
    /// at `extent`, if any, is no token byte, so no token crosses it. What
    /// lies after it cannot change the tally, nor can anything written
    /// there that holds no `_` (see `LogReader`'s counted-only entries).
    public static func scanWithExtent(bytes: UnsafeBufferPointer<UInt8>) -> (ids: IDTally, extent: Int) {
        var extent = 0
        let ids = IDFormat.ByteClass.table.withUnsafeBufferPointer { scan(bytes, classes: $0, extent: &extent) }
        return (ids, extent)
    }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, classes: UnsafeBufferPointer<UInt8>,
                             extent: inout Int) -> IDTally {
        var tally = IDTally()
        guard let base = bytes.baseAddress else { return tally }
        let count = bytes.count
        // Only tokens holding a `_` can be ids: jump from underscore to
        // underscore with memchr and widen each to its token, instead of
        // walking every byte of every message.
        var searchFrom = 0
        while searchFrom < count,
              let hit = memchr(base + searchFrom, Int32(UInt8(ascii: "_")), count - searchFrom) {
            let underscoreAt = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            let start = tokenStart(bytes, before: underscoreAt, classes: classes)
            let end = tokenEnd(bytes, from: underscoreAt + 1, classes: classes)
            if let format = IDFormat.classify(bytes, start..<end, classes: classes) {
                switch format {
                case .unified: tally.unified += 1
                case .legacy: tally.legacy += 1
                case .fallback: tally.fallback += 1
                }
            }
            extent = end
            searchFrom = end + 1
        }
        return tally
    }

    // A token runs for a dozen to a few dozen bytes on either side of its
    // `_`: its ends are found sixteen bytes at a time (a byte loop cost a
    // load, a table load and a branch per byte), and byte by byte only
    // within sixteen bytes of the message's ends.

    /// Where the token whose bytes run up to `at` starts (`at` itself when
    /// the byte before it is no token byte).
    @inline(__always)
    private static func tokenStart(_ bytes: UnsafeBufferPointer<UInt8>, before at: Int,
                                   classes: UnsafeBufferPointer<UInt8>) -> Int {
        let raw = UnsafeRawPointer(bytes.baseAddress!)
        var start = at
        while start >= 16 {
            // Lane k is the byte at start - 16 + k: the last non-token lane
            // is the byte before the token.
            let outside = nonTokenLanes(raw.loadUnaligned(fromByteOffset: start - 16, as: SIMD16<UInt8>.self))
            if outside[1] != 0 { return start - 8 + (63 - outside[1].leadingZeroBitCount) / 8 + 1 }
            if outside[0] != 0 { return start - 16 + (63 - outside[0].leadingZeroBitCount) / 8 + 1 }
            start -= 16
        }
        while start > 0, classes[Int(bytes[start - 1])] & IDFormat.ByteClass.token != 0 { start -= 1 }
        return start
    }

    /// Where the token whose bytes run on from `from` ends (one past its last byte).
    @inline(__always)
    private static func tokenEnd(_ bytes: UnsafeBufferPointer<UInt8>, from: Int,
                                 classes: UnsafeBufferPointer<UInt8>) -> Int {
        let raw = UnsafeRawPointer(bytes.baseAddress!)
        let count = bytes.count
        var end = from
        while end + 16 <= count {
            let outside = nonTokenLanes(raw.loadUnaligned(fromByteOffset: end, as: SIMD16<UInt8>.self))
            if outside[0] != 0 { return end + outside[0].trailingZeroBitCount / 8 }
            if outside[1] != 0 { return end + 8 + outside[1].trailingZeroBitCount / 8 }
            end += 16
        }
        while end < count, classes[Int(bytes[end])] & IDFormat.ByteClass.token != 0 { end += 1 }
        return end
    }

    /// The lanes of `block` that hold no token byte (an ASCII letter, a
    /// digit, `_` or `-`: `IDFormat.ByteClass.token`), a byte of ones each, as two
    /// words (lane 0 is the low byte of the first).
    @inline(__always)
    private static func nonTokenLanes(_ block: SIMD16<UInt8>) -> SIMD2<UInt64> {
        typealias Bytes = SIMD16<UInt8>
        let letter = ((block | Bytes(repeating: 0x20)) &- Bytes(repeating: 0x61)) .< Bytes(repeating: 26)
        let digit = (block &- Bytes(repeating: 0x30)) .< Bytes(repeating: 10)
        let token = letter .| digit .| (block .== Bytes(repeating: UInt8(ascii: "_")))
            .| (block .== Bytes(repeating: UInt8(ascii: "-")))
        return unsafeBitCast(.!token, to: SIMD2<UInt64>.self)
    }
}
