/// Redacts a stream of bytes one complete line at a time, holding back a
/// partial last line until its newline arrives.
///
/// A recording (`--record`) must not keep what the screen and the report hide,
/// but its bytes arrive in chunks that split lines anywhere: `pass` in one
/// read and `word=hunter2` in the next. Redacting each chunk alone would miss
/// that secret, so only complete lines pass (redacted by the same `Redactor`
/// the records go through), and the rest waits for the next chunk or for
/// `finish()`. Newlines are never inside a secret and the marker holds none, so
/// the redacted stream has the same lines as the raw one, and a replay counts
/// the same entries.
public struct LineRedactor: Sendable {
    /// A partial line longer than this is let through (redacted as it stands)
    /// rather than held without bound: a stream that never sends a newline
    /// must not grow the recorder's memory. A secret that straddles this
    /// point of such a line can escape the scan.
    public static let defaultMaxHeldBytes = 1 << 20

    public let redactor: Redactor
    public let maxHeldBytes: Int
    private var held: [UInt8] = []

    public init(redactor: Redactor, maxHeldBytes: Int = LineRedactor.defaultMaxHeldBytes) {
        self.redactor = redactor
        self.maxHeldBytes = max(1, maxHeldBytes)
    }

    /// How many bytes of a partial line wait for their newline.
    public var heldBytes: Int { held.count }

    /// The complete lines of what was held plus `bytes`, redacted; the bytes
    /// after the last newline are kept for the next call.
    public mutating func feed(_ bytes: [UInt8]) -> [UInt8] {
        guard let lastNewline = bytes.lastIndex(of: newline) else {
            held.append(contentsOf: bytes)
            if held.count > maxHeldBytes { return finish() }
            return []
        }
        var out: [UInt8] = []
        out.reserveCapacity(held.count + bytes.count)
        var lineStart = 0
        var first = true
        var k = 0
        while k <= lastNewline {
            if bytes[k] == newline {
                if first, !held.isEmpty {
                    held.append(contentsOf: bytes[..<k])
                    appendRedacted(held[...], to: &out)
                    held.removeAll(keepingCapacity: true)
                } else {
                    appendRedacted(bytes[lineStart..<k], to: &out)
                }
                out.append(newline)
                first = false
                lineStart = k + 1
            }
            k += 1
        }
        held.append(contentsOf: bytes[(lastNewline + 1)...])
        if held.count > maxHeldBytes { out += finish() }
        return out
    }

    /// Whatever partial line is held, redacted, and nothing held afterwards:
    /// the stream ended, so that line is complete as it is.
    public mutating func finish() -> [UInt8] {
        guard !held.isEmpty else { return [] }
        var out: [UInt8] = []
        appendRedacted(held[...], to: &out)
        held.removeAll()
        return out
    }

    // MARK: - One line

    private let newline = UInt8(ascii: "\n")

    /// Appends `line` (no newline) redacted; a trailing carriage return stays
    /// outside the scan so that an unquoted value never swallows it.
    private func appendRedacted(_ line: ArraySlice<UInt8>, to out: inout [UInt8]) {
        var body = line
        var carriageReturn = false
        if body.last == UInt8(ascii: "\r") {
            body = body.dropLast()
            carriageReturn = true
        }
        out += redactor.redact(lineBytes: body)
        if carriageReturn { out.append(UInt8(ascii: "\r")) }
    }
}
