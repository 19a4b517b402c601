/// One log entry's bytes: a single line, or a JSON value that spanned several.
public struct RawEntry: Sendable, Equatable {
    /// The entry's bytes; lines of a multi-line entry are joined with `\n`.
    public var bytes: [UInt8]
    /// How many physical lines the entry spanned.
    public var lineCount: Int
    /// Whether the entry's line was longer than the line cap and was cut.
    public var truncated: Bool
    /// The entry's real length in bytes, before any cut.
    public var rawByteCount: Int

    public init(bytes: [UInt8], lineCount: Int = 1, truncated: Bool = false, rawByteCount: Int? = nil) {
        self.bytes = bytes
        self.lineCount = lineCount
        self.truncated = truncated
        self.rawByteCount = rawByteCount ?? bytes.count
    }

    /// The entry made of exactly one line.
    public init(line: RawLine) {
        self.init(bytes: line.bytes, lineCount: 1, truncated: line.truncated, rawByteCount: line.rawByteCount)
    }
}
