/// The newest entries that fed one signal, kept as evidence for reports and the
/// dashboard ("the last matching lines").
///
/// Bounded: only the newest `capacity` entries are kept, whatever the volume.
public struct EvidenceLog: Sendable {
    public private(set) var capacity: Int
    private var ring: [LogRecord] = []
    private var next = 0

    public init(capacity: Int = 8) {
        self.capacity = max(1, capacity)
    }

    public mutating func append(_ record: LogRecord) {
        if ring.count < capacity {
            ring.append(record)
        } else {
            ring[next] = record
        }
        next = (next + 1) % capacity
    }

    /// Oldest first.
    public var records: [LogRecord] {
        guard ring.count == capacity else { return ring }
        return Array(ring[next...] + ring[..<next])
    }
}
