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
    /// `source` as the number prepared records carry (see `SourceID`).
    let sourceID: SourceID
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
    /// What the helper thread's jobs keep between shared batches (see
    /// `SharedChain`); the reader's copies share it, so one reader per source.
    private let chain = SharedChain()
    /// Whether `parser` holds the continuation state the input is in: false
    /// after a shared batch, until `settle` takes it from the chain.
    private var parserIsCurrent = true
    /// The finishing jobs of the shared batches still pending, oldest first.
    private var unfinished: [Int] = []
    /// The helper those jobs went to.
    private var pendingHelper: Helper?
    /// Applied to every record before it leaves the reader, so no later stage
    /// (rules, counters, evidence, reports, screens) ever holds a secret.
    private let redactor: Redactor?

    /// - Parameter redactor: the secrets to hide; nil only when the user asked
    ///   for raw text (`--no-redact`).
    public init(source: String, maxLineBytes: Int = 1 << 20, redactor: Redactor? = Redactor()) {
        self.source = source
        sourceID = SourceID(source)
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
        settle()
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
        settle()
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
    /// to `apply` in input order, on this thread: the same records `feed`
    /// emits, except that entries before the newest `wholeTail` may be
    /// prepared for counting only (`PreparedRecord.isWhole`).
    ///
    /// - Parameters:
    ///   - wholeTail: how many of the newest entries of each chunk must be
    ///     prepared whole: the log tail keeps them. Entries before those that
    ///     no rule matches are only counted, which spares building their text.
    ///   - apply: receives the chunk's records, in order, in one call.
    public mutating func prepare(_ chunk: UnsafeRawBufferPointer, arrival: Double, rules: RuleSet,
                                 wholeTail: Int = .max, apply: ([PreparedRecord]) -> Void) {
        settle()
        let chunk = UnsafeBufferPointer(start: chunk.baseAddress?.assumingMemoryBound(to: UInt8.self), count: chunk.count)
        let entries = collect(chunk)
        guard !entries.isEmpty else { return }
        let wholeFrom = max(0, entries.count - max(0, wholeTail))
        apply(prepareHere(entries, wholeFrom: wholeFrom, in: chunk, arrival: arrival, rules: rules))
    }

    /// `prepare` for a chunk the reader may keep: a large batch is shared
    /// with `helper`, and its records are then completed there, by a job
    /// posted before this returns (`PreparedBatch.isDeferred`): only jobs
    /// posted to the helper after it may read them.
    ///
    /// The lines are split and assembled here (that part carries state from
    /// line to line), then the entries are cut in two: this thread parses,
    /// redacts and prepares the first part while the helper prepares the
    /// second, and this thread returns without waiting for it: it goes on
    /// reading and splitting the next chunk while the helper works, up to
    /// `maxPendingBatches` batches ahead. Neither thread waits for the other
    /// at the end of a batch.
    ///
    /// Parsing carries one piece of state, the plain-text entry a continuation
    /// line belongs to, and that state is known only once the batch before
    /// has been parsed to its end. So both parts start without one, and a
    /// finishing job on the helper, which runs after the batch before has
    /// finished, parses again, in order and from the real state, each part's
    /// entries before its first JSON or plain-text entry (the only ones that
    /// state can change; a JSON stream has none). Every record is then what
    /// the sequential reader would have made.
    ///
    /// - Parameter helper: runs jobs on another thread; nil, or a small batch,
    ///   stays on this thread (the records are then ready at once).
    public mutating func prepare(_ chunk: [UInt8], arrival: Double, rules: RuleSet, helper: Helper?,
                                 wholeTail: Int = .max) -> PreparedBatch {
        // Splitting needs no parser state: only a batch parsed here waits
        // for the ones still pending.
        let entries = chunk.withUnsafeBufferPointer { collect($0) }
        let wholeFrom = max(0, entries.count - max(0, wholeTail))
        guard let helper, entries.count >= Self.sharedBatchMinimum else {
            settle()
            let records = chunk.withUnsafeBufferPointer { chunk in
                prepareHere(entries, wholeFrom: wholeFrom, in: chunk, arrival: arrival, rules: rules)
            }
            return PreparedBatch(records: records)
        }
        return prepareShared(entries, wholeFrom: wholeFrom, in: chunk, arrival: arrival, rules: rules, helper: helper)
    }

    /// Ends the input like `finish`, returning the last records prepared.
    public mutating func finishPrepared(arrival: Double, rules: RuleSet) -> [PreparedRecord] {
        var records: [PreparedRecord] = []
        let sourceID = sourceID
        finish(arrival: arrival) { records.append(PreparedRecord($0, rules: rules, sourceID: sourceID)) }
        return records
    }

    /// A second thread for big batches: jobs run one at a time, in the
    /// order they were posted.
    public struct Helper: Sendable {
        /// Queues a job; returns its ticket.
        public var post: @Sendable (_ job: @escaping @Sendable () -> Void) -> Int
        /// Returns once the job with `ticket`, and every one before it, has run.
        public var wait: @Sendable (_ ticket: Int) -> Void
        /// Whether the job with `ticket`, and every one before it, has run
        /// (without waiting).
        public var isDone: @Sendable (_ ticket: Int) -> Bool

        public init(post: @escaping @Sendable (_ job: @escaping @Sendable () -> Void) -> Int,
                    wait: @escaping @Sendable (_ ticket: Int) -> Void,
                    isDone: @escaping @Sendable (_ ticket: Int) -> Bool) {
            self.post = post
            self.wait = wait
            self.isDone = isDone
        }
    }

    /// Below this many entries a batch is not shared: a hand-off costs tens of
    /// microseconds, an entry a microsecond or two.
    public static let sharedBatchMinimum = 64

    /// The helper's share of a shared batch, moved a step after every batch
    /// towards the helper being about one batch behind: never idle, and
    /// never so far behind that this thread must wait (this thread also
    /// reads and splits the lines, the helper also applies the batches).
    public internal(set) var helperShare = 0.55

    /// How many shared batches may be pending on the helper before this
    /// thread waits for the oldest.
    public static let maxPendingBatches = 3

    /// The entries of a chunk, split and assembled in order.
    private mutating func collect(_ chunk: UnsafeBufferPointer<UInt8>) -> [BatchEntry] {
        bytes += chunk.count
        var batch: [BatchEntry] = []
        // Room for lines of 128 bytes and longer: growing the array by
        // doubling copied it a dozen times for a 1 MiB chunk.
        batch.reserveCapacity(chunk.count / 128)
        var splitter = takeSplitter()
        if let base = chunk.baseAddress {
            splitter.pushInPlace(UnsafeRawBufferPointer(chunk), inChunk: { line in
                collect(inChunk: line, at: base.distance(to: line.baseAddress ?? base), into: &batch)
            }, copied: { line in collect(line, into: &batch) })
        }
        self.splitter = splitter
        entries += batch.count
        return batch
    }

    /// Waits for the shared batches still pending and takes the continuation
    /// state the input ended in: before anything this thread parses.
    private mutating func settle() {
        if let last = unfinished.last, let pendingHelper { pendingHelper.wait(last) }
        unfinished = []
        guard !parserIsCurrent else { return }
        parser.continuation = chain.carry
        parserIsCurrent = true
    }

    private mutating func prepareShared(_ entries: [BatchEntry], wholeFrom: Int, in chunk: [UInt8], arrival: Double,
                                        rules: RuleSet, helper: Helper) -> PreparedBatch {
        // How far behind the helper is moves its share: none pending means
        // it is idle now (more for it), two or more that it lags.
        unfinished.removeAll { helper.isDone($0) }
        if unfinished.count >= Self.maxPendingBatches { helper.wait(unfinished.removeFirst()) }
        let step = unfinished.isEmpty ? 0.01 : unfinished.count >= 2 ? -0.01 : 0
        helperShare = min(0.9, max(0.1, helperShare + step))
        if parserIsCurrent {
            // Nothing is pending: the chain carries this thread's state on.
            chain.carry = parser.continuation
            parserIsCurrent = false
        }
        let split = entries.count - Int(Double(entries.count) * helperShare)
        let job = SharedBatch(entries: entries, chunk: chunk, split: split, wholeFrom: wholeFrom, arrival: arrival,
                              source: source, sourceID: sourceID, redactor: redactor, rules: rules, chain: chain)
        _ = helper.post { job.runHelperPart() }
        // This part starts without a continuation state too (see above).
        parser.endContinuation()
        // The anchor in a local: a stored property of the class, read per
        // entry, cost a dynamic exclusivity check each time.
        var firstAnchor: Int?
        let output = job.output
        chunk.withUnsafeBufferPointer { chunk in
            for i in 0..<split {
                let prepared = prepareHere(entries[i], whole: i >= wholeFrom, in: chunk, arrival: arrival, rules: rules)
                if firstAnchor == nil, prepared.shape.ignoresContinuation { firstAnchor = i }
                (output + i).initialize(to: prepared)
            }
        }
        job.ownFirstAnchor = firstAnchor
        job.ownEnd = parser.continuation
        let batch = PreparedBatch(deferred: ())
        unfinished.append(helper.post { job.finish(into: batch) })
        pendingHelper = helper
        return batch
    }

    /// Every entry's record, made on this thread.
    private mutating func prepareHere(_ entries: [BatchEntry], wholeFrom: Int, in chunk: UnsafeBufferPointer<UInt8>,
                                      arrival: Double, rules: RuleSet) -> [PreparedRecord] {
        entries.indices.map { prepareHere(entries[$0], whole: $0 >= wholeFrom, in: chunk, arrival: arrival, rules: rules) }
    }

    private mutating func prepareHere(_ entry: BatchEntry, whole: Bool, in chunk: UnsafeBufferPointer<UInt8>, arrival: Double,
                                      rules: RuleSet) -> PreparedRecord {
        entry.prepare(with: &parser, in: chunk, arrival: arrival, source: source, sourceID: sourceID, redactor: redactor,
                      rules: rules, whole: whole)
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

/// What a reader's helper jobs keep from one shared batch to the next: the
/// helper's parser (for its caches) and the continuation state the input is
/// in after the last batch finished.
///
/// Unchecked Sendable: only the helper's jobs touch it, one at a time, except
/// that the reader writes `carry` when nothing is pending and reads it after
/// waiting for every pending job.
private final class SharedChain: @unchecked Sendable {
    var parser = LineParser()
    var carry = LineParser.Continuation()

    /// Runs `body` with the parser borrowed: one exclusivity check for a
    /// whole part of a batch instead of one per entry.
    func withParser<R>(_ body: (inout LineParser) -> R) -> R {
        body(&parser)
    }
}

/// One shared batch: the helper's part, the finishing job, and the records.
///
/// Unchecked Sendable: the reader fills its part of `output` and the
/// `own` fields before it posts the finishing job, which runs after the
/// helper's part; nothing reads the batch after that job but its records.
private final class SharedBatch: @unchecked Sendable {
    let entries: [BatchEntry]
    /// The chunk the in-place entries lie in, kept until the jobs are done.
    let chunk: [UInt8]
    /// Entries from here on are the helper's.
    let split: Int
    /// Entries from here on are prepared whole.
    let wholeFrom: Int
    let arrival: Double
    let source: String
    let sourceID: SourceID
    let redactor: Redactor?
    let rules: RuleSet
    let chain: SharedChain
    /// Every entry's record, at its index: the reader initializes those
    /// before `split`, the helper the others.
    let output: UnsafeMutablePointer<PreparedRecord>
    /// Each part's first entry whose record does not depend on the
    /// continuation state before it (a JSON object or a plain-text entry),
    /// and the state each part ended in.
    var ownFirstAnchor: Int?
    var ownEnd = LineParser.Continuation()
    private var helperFirstAnchor: Int?
    private var helperEnd = LineParser.Continuation()

    init(entries: [BatchEntry], chunk: [UInt8], split: Int, wholeFrom: Int, arrival: Double, source: String,
         sourceID: SourceID, redactor: Redactor?, rules: RuleSet, chain: SharedChain) {
        self.entries = entries
        self.chunk = chunk
        self.split = split
        self.wholeFrom = wholeFrom
        self.arrival = arrival
        self.source = source
        self.sourceID = sourceID
        self.redactor = redactor
        self.rules = rules
        self.chain = chain
        output = .allocate(capacity: entries.count)
    }

    /// The helper's part, from no continuation state.
    func runHelperPart() {
        // The parser is borrowed once for the whole part and the anchor kept
        // in a local: `chain.parser` passed inout and `helperFirstAnchor`
        // read per entry each cost a dynamic exclusivity check (1.5% of a
        // JSON check's samples).
        var firstAnchor: Int?
        helperEnd = chain.withParser { parser in
            parser.endContinuation()
            chunk.withUnsafeBufferPointer { chunk in
                for i in split..<entries.count {
                    let prepared = prepare(i, with: &parser, in: chunk)
                    if firstAnchor == nil, prepared.shape.ignoresContinuation { firstAnchor = i }
                    (output + i).initialize(to: prepared)
                }
            }
            return parser.continuation
        }
        helperFirstAnchor = firstAnchor
    }

    /// After both parts and every batch before: each part's records up to
    /// its first anchor are made again, in order, from the state the input
    /// was really in; the chain carries the state this batch ends in; the
    /// batch takes over every record.
    func finish(into batch: PreparedBatch) {
        let carry = chain.carry
        chain.carry = chain.withParser { parser in
            parser.continuation = carry
            chunk.withUnsafeBufferPointer { chunk in
                for i in 0..<(ownFirstAnchor ?? split) { output[i] = prepare(i, with: &parser, in: chunk) }
                if ownFirstAnchor != nil { parser.continuation = ownEnd }
                for i in split..<(helperFirstAnchor ?? entries.count) { output[i] = prepare(i, with: &parser, in: chunk) }
            }
            if helperFirstAnchor != nil { parser.continuation = helperEnd }
            return parser.continuation
        }
        // The batch takes the buffer the two parts wrote: moved into an
        // array, a megabyte's records (160 KB) were copied once more.
        batch.shared = UnsafeMutableBufferPointer(start: output, count: entries.count)
    }

    private func prepare(_ i: Int, with parser: inout LineParser, in chunk: UnsafeBufferPointer<UInt8>) -> PreparedRecord {
        entries[i].prepare(with: &parser, in: chunk, arrival: arrival, source: source, sourceID: sourceID,
                           redactor: redactor, rules: rules, whole: i >= wholeFrom)
    }
}

/// The records one chunk was prepared into, in input order: ready when
/// `prepare` returns, or, for a batch shared with the helper thread
/// (`isDeferred`), completed by a job on it, which only jobs posted to the
/// helper after `prepare` returned may rely on.
///
/// Unchecked Sendable: the records are written once, before anyone who
/// follows the rule above reads them.
public final class PreparedBatch: @unchecked Sendable {
    /// A batch prepared on the reading thread.
    private let made: [PreparedRecord]
    /// A shared batch's records, where its two parts wrote them; the batch
    /// owns them (deinitialized and freed with it).
    fileprivate var shared: UnsafeMutableBufferPointer<PreparedRecord>?
    public let isDeferred: Bool

    init(records: [PreparedRecord]) {
        made = records
        isDeferred = false
    }

    init(deferred: Void) {
        made = []
        isDeferred = true
    }

    deinit {
        guard let shared, let base = shared.baseAddress else { return }
        base.deinitialize(count: shared.count)
        base.deallocate()
    }

    /// How many records the batch holds.
    public var count: Int { shared?.count ?? made.count }

    /// The records, copied into an array (`withRecords` reads them in place).
    public var records: [PreparedRecord] { withRecords { Array($0) } }

    /// Calls `body` with the records where they lie.
    public func withRecords<Result>(_ body: (UnsafeBufferPointer<PreparedRecord>) -> Result) -> Result {
        if let shared { return body(UnsafeBufferPointer(shared)) }
        return made.withUnsafeBufferPointer(body)
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
                 sourceID: SourceID, redactor: Redactor?, rules: RuleSet, whole: Bool) -> PreparedRecord {
        var record: LogRecord
        switch self {
        case let .inChunk(offset, count):
            let bytes = UnsafeBufferPointer(rebasing: chunk[offset..<(offset + count)])
            if !whole, let sketch = parser.sketch(bytes) {
                // Counting only is exact when no rule can match the message
                // the whole record would hold (redacted) and its ids are the
                // same: the counters then read what the whole record would
                // have given them, and nothing else of the message. The rules
                // are asked first: an entry they may match is redacted whole
                // anyway, and scanning it for secrets here too cost a warning
                // 4% more.
                func onlyCounts(_ message: UnsafeBufferPointer<UInt8>) -> IDTally? {
                    guard rules.rejectsAll(severity: sketch.severity, message: message) else { return nil }
                    guard let redactor else { return IDTally.scan(bytes: message) }
                    // When the marker forms no needle the rules look for,
                    // redaction can change nothing counted but the ids. Ids
                    // are tokens with a `_`, and all lie before `extent`;
                    // a secret starts at or after its trigger word, and the
                    // marker holds no `_`. So when no trigger word starts
                    // before `extent` (none at all when the message has no
                    // `_`), the redacted message has the same ids, and only
                    // its head is scanned for secrets: the scan over the
                    // whole message was a quarter of a plain-text line.
                    if redactor.extraPatterns.isEmpty, rules.markerFormsNoNeedle {
                        let scan = IDTally.scanWithExtent(bytes: message)
                        if scan.extent == 0 || Redactor.findsNoSecret(before: scan.extent, in: message) { return scan.ids }
                    }
                    guard redactor.leavesUnchanged(message) else { return nil }
                    return IDTally.scan(bytes: message)
                }
                let ids = sketch.summarizesRequest ? parser.requestSummary.withUnsafeBufferPointer(onlyCounts)
                    : onlyCounts(UnsafeBufferPointer(rebasing: bytes[sketch.message]))
                if let ids {
                    parser.adopt(sketch)
                    return PreparedRecord(countingOnly: sketch.time, arrival: arrival, severity: sketch.severity,
                                          shape: sketch.shape, revision: sketch.revision, sourceID: sourceID,
                                          rawByteCount: count, ids: ids)
                }
                record = parser.parse(bytes, sketched: sketch, arrival: arrival, source: source)
            } else {
                record = parser.parse(bytes, rawByteCount: count, truncated: false, arrival: arrival, source: source)
            }
        case let .assembled(entry):
            record = parser.parse(entry, arrival: arrival, source: source)
        }
        // In place: `a ?? record` and `record = redactor.redact(record)`
        // each copied every whole record.
        redactor?.redact(in: &record)
        return PreparedRecord(record, rules: rules, sourceID: sourceID)
    }
}
