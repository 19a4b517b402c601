/// A record with everything known about it that needs no watch state: the
/// rules it matched and the ids it holds.
///
/// Preparing is most of the cost of an entry after parsing, and depends only
/// on the record and the rules, so it can run on any thread, in any order,
/// outside the watch's lock; `DeployWatch.ingest(_:)` then applies prepared
/// records strictly in input order, which is what keeps every count exact.
///
/// Nearly every entry of a flood only counts (see `EntrySketch`): its
/// prepared record is what the counters read, inline, and no `LogRecord` at
/// all. A whole entry's record and matches sit behind one reference: a batch
/// of counted entries is then a compact array that is made, handed between
/// threads and destroyed without copying or releasing a record's strings
/// (a `LogRecord` with empty strings cost a copy and its destruction per
/// counted entry, some 15% of an INFO line).
public struct PreparedRecord: Sendable {
    // What every counter reads, for both kinds (the whole record's own values
    // for a whole entry).
    public let time: Double?
    public let arrival: Double
    public let severity: Severity
    public let shape: LogShape
    public let truncated: Bool
    public let rawByteCount: Int
    /// The revision a Cloud Logging entry names (a deploy when it changes).
    public let revision: String?
    /// The source the entry came from, as a number (see `SourceID`).
    public let sourceID: SourceID
    public let ids: IDTally
    private let whole: Whole?

    /// A whole entry's record and matches: immutable, shared by copies.
    final class Whole: Sendable {
        let record: LogRecord
        let matches: [SignalMatch]
        init(record: LogRecord, matches: [SignalMatch]) {
            self.record = record
            self.matches = matches
        }
    }

    /// The name of the source the entry came from.
    public var source: String { whole?.record.source ?? sourceID.name }

    // The records are consumed, not copied: a copy retained every string
    // of the record, once per entry.
    public init(_ record: consuming LogRecord, rules: RuleSet) {
        let sourceID = SourceID(record.source)
        self.init(record, rules: rules, sourceID: sourceID)
    }

    /// `init(_:rules:)` for a record whose source's number the caller holds
    /// (a reader's own), which spares a look-up in the table of names.
    init(_ record: consuming LogRecord, rules: RuleSet, sourceID: SourceID) {
        let matches = rules.classify(record)
        ids = IDTally.scan(record.message)
        time = record.time
        arrival = record.arrival
        severity = record.severity
        shape = record.shape
        truncated = record.truncated
        rawByteCount = record.rawByteCount
        revision = record.revision
        self.sourceID = sourceID
        whole = Whole(record: record, matches: matches)
    }

    /// An entry that only counts: no rule matches it, and nothing but its
    /// counts is kept.
    init(countingOnly time: Double?, arrival: Double, severity: Severity, shape: LogShape, revision: String?,
         sourceID: SourceID, rawByteCount: Int, ids: IDTally) {
        self.time = time
        self.arrival = arrival
        self.severity = severity
        self.shape = shape
        truncated = false
        self.rawByteCount = rawByteCount
        self.revision = revision
        self.sourceID = sourceID
        self.ids = ids
        whole = nil
    }

    /// False for an entry prepared for counting only (see `EntrySketch`): no
    /// rule matched it, and it holds what the counters read (time, arrival,
    /// shape, revision, source, sizes) but no message and no loggers, so it
    /// must never be shown or kept. A batch is prepared so that the entries
    /// the log tail keeps are whole.
    public var isWhole: Bool { whole != nil }

    /// Every rule's match, in rule order (usually none; none when counted only).
    public var matches: [SignalMatch] { whole?.matches ?? [] }

    /// The entry's record: a whole entry's, or for a counted one the record
    /// of its counts with an empty message and no loggers.
    public var record: LogRecord {
        whole?.record ?? LogRecord(time: time, arrival: arrival, severity: severity, message: "", revision: revision,
                                   shape: shape, source: source, rawByteCount: rawByteCount, truncated: truncated)
    }

    /// Log time: the entry's time, or its arrival when it has none.
    public var effectiveTime: Double { time ?? arrival }

    /// A whole entry's shared record and matches, for the log tail to keep
    /// without a copy; nil for a counted one.
    var shared: Whole? { whole }

    /// A whole entry that some rule matched, where its record and matches
    /// are kept: `record` and `matches` return copies (a record's copy
    /// retains each of its strings), and the watch reads them in place.
    var matched: Whole? {
        guard let whole, !whole.matches.isEmpty else { return nil }
        return whole
    }
}
