/// How many log entries were read, and how many were understood.
///
/// `total` counts non-empty lines, or entries for multi-line JSON (a
/// pretty-printed LogEntry over 30 lines is one). `total == parsed + unparsed`
/// always holds: nothing read is dropped from the count.
public struct LineCounts: Sendable, Equatable {
    public var total = 0
    public var parsed = 0
    public var unparsed = 0
    /// Entries longer than the line cap, counted once and cut for display.
    public var truncated = 0

    public init() {}
}
