#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// The plain-text headers met last: what follows a line's timestamp up to
/// its message (` - service - logger - LEVEL - `), with what it parsed to.
///
/// A stream's plain-text lines repeat a handful of headers (one per logger
/// and level), and reading one costs a search for each ` - `, a severity
/// lookup and the interning of the logger and service names: a fifth of a
/// plain INFO line. A line whose bytes after its timestamp begin with a
/// remembered header parses exactly as the line it was learned from did
/// (the fields are read left to right and stop at the first level word), so
/// its severity and names are taken from the cache.
struct PlainTextHeaderCache: Sendable {
    /// How many headers are remembered; a new one replaces the oldest.
    static let capacity = 8

    struct Entry: Sendable {
        /// The header's bytes, from just after the timestamp to the message.
        var bytes: [UInt8]
        /// An eight-byte word from the middle of `bytes`, compared first.
        var probe: UInt64
        var severity: Severity
        var names: PlainTextNames
    }

    private(set) var entries: [Entry] = []
    private var next = 0

    /// The index of the entry whose header starts `p` at `at`, if any.
    func index(matching p: UnsafeBufferPointer<UInt8>, at: Int) -> Int? {
        guard let base = p.baseAddress else { return nil }
        let available = p.count - at
        // In place: a copy of an entry retains its bytes and names.
        return entries.withUnsafeBufferPointer { entries in
            for i in entries.indices {
                let count = entries[i].bytes.count
                guard count <= available, Self.probe(base + at, count) == entries[i].probe else { continue }
                if entries[i].bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, base + at, count) == 0 }) { return i }
            }
            return nil
        }
    }

    /// The header length, severity and names of entry `index`, read in
    /// place (a copy of the entries, or of an entry, retains what they hold).
    func fields(at index: Int) -> (length: Int, severity: Severity, names: PlainTextNames) {
        entries.withUnsafeBufferPointer { ($0[index].bytes.count, $0[index].severity, $0[index].names) }
    }

    /// Remembers a header (at least eight bytes) that parsed to these fields.
    mutating func remember(_ header: UnsafeBufferPointer<UInt8>, severity: Severity, names: PlainTextNames) {
        guard header.count >= 8, let base = header.baseAddress else { return }
        let entry = Entry(bytes: Array(header), probe: Self.probe(base, header.count), severity: severity, names: names)
        if entries.count < Self.capacity {
            entries.append(entry)
        } else {
            entries[next] = entry
            next = (next + 1) % Self.capacity
        }
    }

    /// The eight bytes ending at the middle of a header of `count` bytes
    /// at `base` (`count >= 8`): where the logger names of one service differ.
    @inline(__always)
    private static func probe(_ base: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        UnsafeRawPointer(base).loadUnaligned(fromByteOffset: max(0, count / 2 - 4), as: UInt64.self)
    }
}
