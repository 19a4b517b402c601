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

    public init(_ record: LogRecord, rules: RuleSet) {
        self.record = record
        matches = rules.classify(record)
        ids = IDTally.scan(record.message)
    }
}
