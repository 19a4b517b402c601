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
        let token = IDFormat.ByteClass.token
        // Only tokens holding a `_` can be ids: jump from underscore to
        // underscore with memchr and widen each to its token, instead of
        // walking every byte of every message.
        var searchFrom = 0
        while searchFrom < count,
              let hit = memchr(base + searchFrom, Int32(UInt8(ascii: "_")), count - searchFrom) {
            let underscoreAt = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            var start = underscoreAt
            while start > 0, classes[Int(bytes[start - 1])] & token != 0 { start -= 1 }
            var end = underscoreAt + 1
            while end < count, classes[Int(bytes[end])] & token != 0 { end += 1 }
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
}
