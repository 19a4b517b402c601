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
        if line.rawByteCount > 0 { lines += 1 }
        guard !Self.isBlank(line.bytes) else { return }
        var assembler = takeAssembler()
        assembler.push(line) { entry in record(entry, arrival: arrival, emit) }
        self.assembler = assembler
    }

    private mutating func record(_ entry: RawEntry, arrival: Double, _ emit: (LogRecord) -> Void) {
        guard !Self.isBlank(entry.bytes) else { return }
        entries += 1
        let record = parser.parse(entry, arrival: arrival, source: source)
        emit(redactor?.redact(record) ?? record)
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
        for b in bytes where b != 0x20 && b != 0x09 { return false }
        return true
    }
}
