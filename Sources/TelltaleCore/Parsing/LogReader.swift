/// Reads one source's bytes into records: splitter, assembler and parser in a row.
///
/// What every input (file tail, pipe, command output) uses, so they all treat
/// line endings, pretty-printed JSON, over-long lines and shapes the same way.
/// One reader per source: the assembler and the parser keep state between
/// chunks (an unfinished line, an open JSON object, the entry a traceback
/// belongs to). Empty and whitespace-only lines produce no record and do not
/// break a traceback apart.
public struct LogReader: Sendable {
    public let source: String
    /// Non-empty physical lines seen (a line of only spaces counts: it is a line
    /// of the input, though it makes no record).
    public private(set) var lines = 0
    /// Records emitted.
    public private(set) var entries = 0
    /// Bytes fed.
    public private(set) var bytes = 0

    private var splitter: LineSplitter
    private var assembler = EntryAssembler()
    private var parser = LineParser()
    /// The helper thread's parser for shared batches, kept for its caches.
    private var helperParser = LineParser()
    /// Applied to every record before it leaves the reader, so no later stage
    /// (rules, counters, evidence, reports, screens) ever holds a secret.
    private let redactor: Redactor?

    /// - Parameter redactor: the secrets to hide; nil only when the user asked
    ///   for raw text (`--no-redact`).
    public init(source: String, maxLineBytes: Int = 1 << 20, redactor: Redactor? = Redactor()) {
        self.source = source
        self.redactor = redactor
        splitter = LineSplitter(maxLineBytes: maxLineBytes)
    }

    /// Feeds one chunk read at `arrival`; calls `emit` for every completed record.
    ///
    /// - Parameters:
    ///   - chunk: the bytes as read, in any size; lines and JSON values may span chunks.
    ///   - arrival: when the chunk was read, in seconds since 1970.
    ///   - emit: receives each record in input order.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer, arrival: Double, _ emit: (LogRecord) -> Void) {
        bytes += chunk.count
        var splitter = takeSplitter()
        splitter.push(chunk) { line in take(line, arrival: arrival, emit) }
        self.splitter = splitter
    }

    /// Feeds one chunk held in an array.
    public mutating func feed(_ chunk: [UInt8], arrival: Double, _ emit: (LogRecord) -> Void) {
        chunk.withUnsafeBytes { feed($0, arrival: arrival, emit) }
    }

    /// Ends the input: the last line without a newline and any unfinished JSON
    /// entry are emitted (the latter line by line, as unparsed records).
    public mutating func finish(arrival: Double, _ emit: (LogRecord) -> Void) {
        var splitter = takeSplitter()
        splitter.finish { line in take(line, arrival: arrival, emit) }
        self.splitter = splitter
        var assembler = takeAssembler()
        assembler.finish { entry in record(entry, arrival: arrival, emit) }
        self.assembler = assembler
    }

    private mutating func take(_ line: RawLine, arrival: Double, _ emit: (LogRecord) -> Void) {
        guard counts(line) else { return }
        var assembler = takeAssembler()
        assembler.push(line) { entry in record(entry, arrival: arrival, emit) }
        self.assembler = assembler
    }

    /// `take` for a batch: the line's entries are collected, not parsed yet.
    private mutating func collect(_ line: RawLine, into batch: inout [BatchEntry]) {
        guard counts(line) else { return }
        assemble(line, into: &batch)
    }

    /// Passes a counted, non-blank line through the assembler into `batch`.
    private mutating func assemble(_ line: RawLine, into batch: inout [BatchEntry]) {
        var assembler = takeAssembler()
        assembler.push(line) { entry in
            if !Self.isBlank(entry.bytes) { batch.append(.assembled(entry)) }
        }
        self.assembler = assembler
    }

    /// `collect` for a line that lies whole in the chunk at `offset`: while no
    /// entry is open and the line is an entry by itself (nearly every line),
    /// it is parsed where it lies, never copied.
    private mutating func collect(inChunk line: UnsafeBufferPointer<UInt8>, at offset: Int, into batch: inout [BatchEntry]) {
        if line.count > 0 { lines += 1 }
        guard !Self.isBlank(line) else { return }
        if assembler.isIdle, EntryAssembler.isWholeEntry(line) {
            batch.append(.inChunk(offset: offset, count: line.count))
            return
        }
        assemble(RawLine(bytes: Array(line)), into: &batch)
    }

    /// Counts a line; whether it can hold an entry (a blank line cannot).
    private mutating func counts(_ line: RawLine) -> Bool {
        if line.rawByteCount > 0 { lines += 1 }
        return !Self.isBlank(line.bytes)
    }

    private mutating func record(_ entry: RawEntry, arrival: Double, _ emit: (LogRecord) -> Void) {
        guard !Self.isBlank(entry.bytes) else { return }
        entries += 1
        let record = parser.parse(entry, arrival: arrival, source: source)
        emit(redactor?.redact(record) ?? record)
    }

    // MARK: - Batches, prepared on two threads

    /// Feeds one chunk and hands its completed records, prepared with `rules`,
    /// to `apply` in input order: the same records `feed` emits, except that
    /// entries before the newest `wholeTail` may be prepared for counting
    /// only (`PreparedRecord.isWhole`).
    ///
    /// A large batch is shared with a helper thread through `forkJoin`. The
    /// lines are split and assembled here (that part carries state from line
    /// to line), then the entries are cut in two: this thread parses, redacts
    /// and prepares the first part while the helper prepares the second.
    /// Parsing carries one piece of state, the plain-text entry a continuation
    /// line belongs to; the helper starts without one, and the entries before
    /// its first JSON or plain-text entry (the only ones that state can
    /// change) are parsed again here, in order, once the state is known. So
    /// every record is what the sequential reader would have made.
    ///
    /// - Parameters:
    ///   - forkJoin: runs a helper closure on another thread while the calling
    ///     thread runs its own part; nil, or a small batch, stays on this thread.
    ///   - wholeTail: how many of the newest entries of each chunk must be
    ///     prepared whole: the log tail keeps them. Entries before those that
    ///     no rule matches are only counted, which spares building their text.
    ///   - apply: receives the chunk's records, in order, in one call.
    public mutating func prepare(_ chunk: UnsafeRawBufferPointer, arrival: Double, rules: RuleSet, forkJoin: ForkJoin? = nil,
                                 wholeTail: Int = .max, apply: ([PreparedRecord]) -> Void) {
        bytes += chunk.count
        let chunk = UnsafeBufferPointer(start: chunk.baseAddress?.assumingMemoryBound(to: UInt8.self), count: chunk.count)
        var batch: [BatchEntry] = []
        var splitter = takeSplitter()
        if let base = chunk.baseAddress {
            splitter.pushInPlace(UnsafeRawBufferPointer(chunk), inChunk: { line in
                collect(inChunk: line, at: base.distance(to: line.baseAddress ?? base), into: &batch)
            }, copied: { line in collect(line, into: &batch) })
        }
        self.splitter = splitter
        entries += batch.count
        guard !batch.isEmpty else { return }
        let wholeFrom = max(0, batch.count - max(0, wholeTail))
        guard let forkJoin, batch.count >= Self.sharedBatchMinimum else {
            apply(batch.indices.map { prepareHere(batch[$0], whole: $0 >= wholeFrom, in: chunk, arrival: arrival, rules: rules) })
            return
        }
        apply(prepareShared(batch, wholeFrom: wholeFrom, in: chunk, arrival: arrival, rules: rules, forkJoin: forkJoin))
    }

    /// Ends the input like `finish`, returning the last records prepared.
    public mutating func finishPrepared(arrival: Double, rules: RuleSet) -> [PreparedRecord] {
        var records: [PreparedRecord] = []
        finish(arrival: arrival) { records.append(PreparedRecord($0, rules: rules)) }
        return records
    }

    /// Runs `helper` on another thread while the caller runs `own`; returns
    /// once both have finished, saying whether the caller had to wait for
    /// the helper (how the reader balances the two parts).
    public typealias ForkJoin = (_ helper: @escaping @Sendable () -> Void, _ own: () -> Void) -> Bool

    /// Below this many entries a batch is not shared: a hand-off costs tens of
    /// microseconds, an entry a microsecond or two.
    public static let sharedBatchMinimum = 64

    /// The helper's share of a shared batch, moved a step after every batch
    /// towards both threads finishing together (the calling thread also
    /// reads and splits the lines, the helper also applies the chunk before).
    public internal(set) var helperShare = 0.55

    private mutating func prepareShared(_ entries: [BatchEntry], wholeFrom: Int, in chunk: UnsafeBufferPointer<UInt8>,
                                        arrival: Double, rules: RuleSet, forkJoin: ForkJoin) -> [PreparedRecord] {
        let split = entries.count - Int(Double(entries.count) * helperShare)
        var helperParser = LineParser()
        swap(&helperParser, &self.helperParser)
        // A fresh continuation state: what depends on the real one is redone below.
        helperParser.endContinuation()
        let count = entries.count
        // Both threads write their records straight into the batch's array,
        // each into its own range: appending the helper's part afterwards
        // copied (and retained) every one of its records.
        return [PreparedRecord](unsafeUninitializedCapacity: count) { buffer, initialized in
            let output = buffer.baseAddress!
            let job = HelperBatch(parser: helperParser, entries: entries, chunk: chunk, range: split..<count,
                                  output: output + split, wholeFrom: wholeFrom, arrival: arrival, source: source,
                                  redactor: redactor, rules: rules)
            let waited = forkJoin({ job.run() }) {
                for i in 0..<split {
                    (output + i).initialize(to: prepareHere(entries[i], whole: i >= wholeFrom, in: chunk, arrival: arrival,
                                                            rules: rules))
                }
            }
            helperShare = min(0.9, max(0.1, helperShare + (waited ? -0.01 : 0.01)))
            // The helper's records up to its first anchor were made without
            // the continuation state: made again here, in order, over them.
            for i in split..<(job.firstAnchor ?? count) {
                output[i] = prepareHere(entries[i], whole: i >= wholeFrom, in: chunk, arrival: arrival, rules: rules)
            }
            if job.firstAnchor != nil {
                parser.owner = job.parser.owner
                parser.inTraceback = job.parser.inTraceback
            }
            self.helperParser = job.parser
            initialized = count
        }
    }

    private mutating func prepareHere(_ entry: BatchEntry, whole: Bool, in chunk: UnsafeBufferPointer<UInt8>, arrival: Double,
                                      rules: RuleSet) -> PreparedRecord {
        entry.prepare(with: &parser, in: chunk, arrival: arrival, source: source, redactor: redactor, rules: rules, whole: whole)
    }

    // The stages call back into the reader, so each is moved out of `self` while
    // it runs. Moving (not copying) leaves its buffers uniquely referenced: a copy
    // would make every append to a half-read entry duplicate the whole entry.
    private mutating func takeSplitter() -> LineSplitter {
        var taken = LineSplitter(maxLineBytes: splitter.maxLineBytes)
        swap(&taken, &splitter)
        return taken
    }

    private mutating func takeAssembler() -> EntryAssembler {
        var taken = EntryAssembler(maxEntryBytes: assembler.maxEntryBytes, maxEntryLines: assembler.maxEntryLines)
        swap(&taken, &assembler)
        return taken
    }

    private static func isBlank(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer(isBlank)
    }

    private static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in bytes where b != 0x20 && b != 0x09 { return false }
        return true
    }
}

/// The helper thread's part of a shared batch.
///
/// Unchecked Sendable: the reader hands it to the helper and reads it back
/// only after the fork-join returned, so the two threads never touch it at
/// the same time.
private final class HelperBatch: @unchecked Sendable {
    var parser: LineParser
    let entries: [BatchEntry]
    /// The chunk the in-place entries lie in; valid until the fork-join returns.
    let chunk: UnsafeBufferPointer<UInt8>
    let range: Range<Int>
    /// Entries from here on are prepared whole.
    let wholeFrom: Int
    let arrival: Double
    let source: String
    let redactor: Redactor?
    let rules: RuleSet
    /// Where the record of `range.lowerBound` goes; the helper initializes
    /// one record per entry of `range`, in order.
    let output: UnsafeMutablePointer<PreparedRecord>
    /// The first entry of `range` whose record does not depend on the
    /// continuation state before it (a JSON object or a plain-text entry).
    var firstAnchor: Int?

    init(parser: LineParser, entries: [BatchEntry], chunk: UnsafeBufferPointer<UInt8>, range: Range<Int>,
         output: UnsafeMutablePointer<PreparedRecord>, wholeFrom: Int, arrival: Double, source: String,
         redactor: Redactor?, rules: RuleSet) {
        self.parser = parser
        self.entries = entries
        self.chunk = chunk
        self.range = range
        self.output = output
        self.wholeFrom = wholeFrom
        self.arrival = arrival
        self.source = source
        self.redactor = redactor
        self.rules = rules
    }

    func run() {
        for i in range {
            let prepared = entries[i].prepare(with: &parser, in: chunk, arrival: arrival, source: source,
                                              redactor: redactor, rules: rules, whole: i >= wholeFrom)
            if firstAnchor == nil, prepared.shape.ignoresContinuation { firstAnchor = i }
            (output + (i - range.lowerBound)).initialize(to: prepared)
        }
    }
}

/// One entry of a batch: a line parsed where it lies in the chunk (nearly
/// all), or bytes the assembler put together or copied.
enum BatchEntry: Sendable {
    case inChunk(offset: Int, count: Int)
    case assembled(RawEntry)

    /// Parses, redacts and prepares the entry: the per-entry work of a batch,
    /// the same on either thread.
    ///
    /// - Parameter whole: false lets an entry that only counts be prepared
    ///   without its text (`PreparedRecord.isWhole`).
    func prepare(with parser: inout LineParser, in chunk: UnsafeBufferPointer<UInt8>, arrival: Double, source: String,
                 redactor: Redactor?, rules: RuleSet, whole: Bool) -> PreparedRecord {
        var record: LogRecord
        switch self {
        case let .inChunk(offset, count):
            let bytes = UnsafeBufferPointer(rebasing: chunk[offset..<(offset + count)])
            if !whole, let sketch = parser.sketch(bytes) {
                // Counting only is exact when the redactor would leave the
                // message alone and no rule can match it: the counters then
                // read what the whole record would have given them.
                func onlyCounts(_ message: UnsafeBufferPointer<UInt8>) -> IDTally? {
                    guard redactor?.leavesUnchanged(message) ?? true,
                          rules.rejectsAll(severity: sketch.severity, message: message) else { return nil }
                    return IDTally.scan(bytes: message)
                }
                let ids = sketch.summarizesRequest ? parser.requestSummary.withUnsafeBufferPointer(onlyCounts)
                    : onlyCounts(UnsafeBufferPointer(rebasing: bytes[sketch.message]))
                if let ids {
                    parser.adopt(sketch)
                    return PreparedRecord(countingOnly: sketch.time, arrival: arrival, severity: sketch.severity,
                                          shape: sketch.shape, revision: sketch.revision, source: source,
                                          rawByteCount: count, ids: ids)
                }
                record = parser.parse(bytes, sketched: sketch, arrival: arrival, source: source)
            } else {
                record = parser.parse(bytes, rawByteCount: count, truncated: false, arrival: arrival, source: source)
            }
        case let .assembled(entry):
            record = parser.parse(entry, arrival: arrival, source: source)
        }
        // Moved through, not copied: `a ?? record` copied every whole record.
        if let redactor { record = redactor.redact(record) }
        return PreparedRecord(record, rules: rules)
    }
}
