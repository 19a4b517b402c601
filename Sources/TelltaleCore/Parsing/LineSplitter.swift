#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// Splits bytes that arrive in arbitrary chunks into lines.
///
/// Sources hand over whatever a read returned, so a line can start in one chunk
/// and end several chunks later; the splitter keeps only the unfinished tail.
/// Lines end at `\n`; a `\r` before it is dropped (CRLF files). Newlines are found
/// with `memchr`, which is what makes splitting cost next to nothing.
///
/// A line longer than `maxLineBytes` is emitted once, with its first
/// `maxLineBytes` bytes, `truncated` set and its real length in `rawByteCount`;
/// the rest of it is counted and skipped, never buffered, so one runaway line
/// cannot take the process's memory. Empty lines are emitted too: whoever counts
/// lines decides what an empty one means.
public struct LineSplitter: Sendable {
    public let maxLineBytes: Int
    /// The unfinished line so far: at most `maxLineBytes + 1` bytes (the extra
    /// byte may be the `\r` of a CRLF line exactly at the cap).
    private var pending: [UInt8] = []
    /// Real length of the unfinished line, including bytes no longer kept.
    private var pendingCount = 0
    /// Last byte of the unfinished line, to drop a `\r` that was not kept.
    private var pendingLast: UInt8 = 0

    public init(maxLineBytes: Int = 1 << 20) {
        self.maxLineBytes = max(1, maxLineBytes)
    }

    /// Feeds one chunk; calls `emit` for every line it completes, in order.
    ///
    /// - Parameters:
    ///   - chunk: the bytes as read; only valid during the call, nothing keeps them.
    ///   - emit: receives each completed line; the last unterminated part waits
    ///     for the next chunk or `finish`.
    public mutating func push(_ chunk: UnsafeRawBufferPointer, _ emit: (RawLine) -> Void) {
        pushInPlace(chunk, inChunk: { line in emit(RawLine(bytes: Array(line))) }, copied: emit)
    }

    /// `push` without copying the lines that lie whole in the chunk: each of
    /// those goes to `inChunk` as the chunk's own bytes (valid during the
    /// call only), the others (the end of a line begun in an earlier chunk, a
    /// line over the cap) to `copied`, in input order.
    public mutating func pushInPlace(_ chunk: UnsafeRawBufferPointer, inChunk: (UnsafeBufferPointer<UInt8>) -> Void,
                                     copied emit: (RawLine) -> Void) {
        guard let base = chunk.baseAddress, chunk.count > 0 else { return }
        let bytes = base.assumingMemoryBound(to: UInt8.self)
        let count = chunk.count
        var start = 0
        while start < count {
            guard let hit = memchr(bytes + start, 0x0A, count - start) else {
                append(UnsafeBufferPointer(start: bytes + start, count: count - start))
                return
            }
            let end = bytes.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            let piece = UnsafeBufferPointer(start: bytes + start, count: end - start)
            if pendingCount == 0 {
                var length = piece.count
                if length > 0, piece[length - 1] == 0x0D { length -= 1 }
                if length <= maxLineBytes {
                    inChunk(UnsafeBufferPointer(rebasing: piece[0..<length]))
                } else {
                    emit(RawLine(bytes: Array(UnsafeBufferPointer(rebasing: piece[0..<maxLineBytes])), truncated: true, rawByteCount: length))
                }
            } else {
                append(piece)
                emit(takePending())
            }
            start = end + 1
        }
    }

    /// Feeds one chunk held in an array.
    public mutating func push(_ bytes: [UInt8], _ emit: (RawLine) -> Void) {
        bytes.withUnsafeBytes { push($0, emit) }
    }

    /// Emits the last line when the input ended without a newline.
    public mutating func finish(_ emit: (RawLine) -> Void) {
        if pendingCount > 0 { emit(takePending()) }
    }

    private mutating func append(_ piece: UnsafeBufferPointer<UInt8>) {
        guard piece.count > 0 else { return }
        let room = maxLineBytes + 1 - pending.count
        if room > 0 { pending.append(contentsOf: UnsafeBufferPointer(rebasing: piece[0..<min(room, piece.count)])) }
        pendingCount += piece.count
        pendingLast = piece[piece.count - 1]
    }

    private mutating func takePending() -> RawLine {
        var length = pendingCount
        if pendingLast == 0x0D { length -= 1 }
        var bytes = pending
        pending = []
        pendingCount = 0
        pendingLast = 0
        if length <= maxLineBytes {
            if bytes.count > length { bytes.removeLast(bytes.count - length) }
            return RawLine(bytes: bytes, truncated: false, rawByteCount: length)
        }
        if bytes.count > maxLineBytes { bytes.removeLast(bytes.count - maxLineBytes) }
        return RawLine(bytes: bytes, truncated: true, rawByteCount: length)
    }
}
