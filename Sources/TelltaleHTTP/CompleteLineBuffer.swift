/// Passes on only whole lines of a byte stream, holding back the unfinished tail.
///
/// When an HTTP log stream drops mid-line and the server resends that line after the
/// reconnect, emitting the fragment would count it twice (once broken, once whole). Holding
/// the tail back until its newline arrives, and discarding it at a drop, keeps "each line
/// counted exactly once".
struct CompleteLineBuffer: Sendable {
    private var pending: [UInt8] = []

    /// Bytes held back because no newline has followed them yet.
    var pendingCount: Int { pending.count }

    /// Accepts a chunk and returns every byte up to and including its last newline
    /// (with any held-back bytes in front); the rest is held back.
    mutating func accept(_ chunk: some BidirectionalCollection<UInt8>) -> [UInt8] {
        guard let lastNewline = chunk.lastIndex(of: UInt8(ascii: "\n")) else {
            pending += chunk
            return []
        }
        var complete = pending
        pending = []
        complete += chunk[...lastNewline]
        pending += chunk[chunk.index(after: lastNewline)...]
        return complete
    }

    /// Drops the held-back bytes and says how many there were.
    mutating func discard() -> Int {
        defer { pending = [] }
        return pending.count
    }

    /// Hands over the held-back bytes: for a body that ended cleanly, the last line is
    /// complete even without a newline.
    mutating func flush() -> [UInt8] {
        defer { pending = [] }
        return pending
    }
}
