/// One physical line from a log source, without its line ending.
public struct RawLine: Sendable, Equatable {
    /// The line's bytes (at most the splitter's cap), without `\n` or a final `\r`.
    public var bytes: [UInt8]
    /// Whether the line was longer than the cap and `bytes` holds only its start.
    public var truncated: Bool
    /// The line's real length in bytes, without its line ending, before any cut.
    public var rawByteCount: Int

    public init(bytes: [UInt8], truncated: Bool = false, rawByteCount: Int? = nil) {
        self.bytes = bytes
        self.truncated = truncated
        self.rawByteCount = rawByteCount ?? bytes.count
    }
}
