/// What a replay learns from a first pass over a recording: enough to set up
/// the pipeline and the report before the entries are played.
public struct RecordingSummary: Sendable, Equatable {
    /// Whether the recording was written redacted (its header says so).
    public var redacted = false
    /// The sources, in the order they first appear.
    public var sources: [String] = []
    /// Whether it holds health results (health criteria then have an input).
    public var hasHealth = false
    /// Entries, the header included.
    public var entries = 0

    public init() {}
}
