/// The newest entries that fed one signal, kept as evidence for reports and the
/// dashboard ("the last matching lines").
///
/// Bounded: only the newest `capacity` entries are kept, whatever the volume.
///
/// It keeps the entries' shared records (`PreparedRecord.Whole`), not copies:
/// a record's copy retains each of its strings, and each signal a warning
/// feeds, each watched user and the log tail kept one (a copy and, once the
/// ring came round, the release of the copy it replaced: 649 instructions of
/// a duplication warning's 26,877).
public struct EvidenceLog: Sendable {
    public private(set) var capacity: Int
    private var ring: [PreparedRecord.Whole] = []
    private var next = 0

    public init(capacity: Int = 8) {
        self.capacity = max(1, capacity)
    }

    public mutating func append(_ record: LogRecord) {
        append(shared: PreparedRecord.Whole(record: record, matches: []))
    }

    /// Keeps the record of a whole entry without copying it.
    mutating func append(shared entry: PreparedRecord.Whole) {
        if ring.count < capacity {
            ring.append(entry)
        } else {
            ring[next] = entry
        }
        next = (next + 1) % capacity
    }

    /// Oldest first.
    public var records: [LogRecord] {
        guard ring.count == capacity else { return ring.map(\.record) }
        return (ring[next...] + ring[..<next]).map(\.record)
    }
}
