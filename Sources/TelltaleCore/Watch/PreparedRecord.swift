/// A record with everything known about it that needs no watch state: the
/// rules it matched and the ids it holds.
///
/// Preparing is most of the cost of an entry after parsing, and depends only
/// on the record and the rules, so it can run on any thread, in any order,
/// outside the watch's lock; `DeployWatch.ingest(_:)` then applies prepared
/// records strictly in input order, which is what keeps every count exact.
public struct PreparedRecord: Sendable {
    public var record: LogRecord
    /// Every rule's match, in rule order (usually none).
    public var matches: [SignalMatch]
    public var ids: IDTally
    /// False for an entry prepared for counting only (see `EntrySketch`): no
    /// rule matched it, and its record holds what the counters read (time,
    /// arrival, shape, revision, source, sizes) but an empty message and no
    /// loggers, so it must never be shown or kept. A batch is prepared so
    /// that the entries the log tail keeps are whole.
    public let isWhole: Bool

    // The records are consumed, not copied: a copy retained every string
    // of the record, once per entry.
    public init(_ record: consuming LogRecord, rules: RuleSet) {
        matches = rules.classify(record)
        ids = IDTally.scan(record.message)
        isWhole = true
        self.record = record
    }

    /// An entry that only counts: no rule matches it.
    init(countingOnly record: consuming LogRecord, ids: IDTally) {
        self.record = record
        matches = []
        self.ids = ids
        isWhole = false
    }
}
