/// Turns one entry into a `LogRecord`, recognising its shape per entry.
///
/// A source can mix shapes (app JSON, the unified formatter, Cloud Logging
/// entries, Python plain text with tracebacks, logfmt), so every entry is
/// detected on its own: JSON objects by their fields, then the plain-text
/// layout, then logfmt; anything else is kept whole as an unparsed line.
/// Works on the entry's bytes directly and decodes only the fields a record
/// needs: Foundation's JSON decoding costs several microseconds a line.
///
/// The one piece of state is the entry a continuation belongs to: after a
/// plain-text entry, indented lines, a `Traceback (most recent call last):`
/// line and every line after it up to the next recognised entry inherit that
/// entry's time, severity, loggers and service.
public struct LineParser: Sendable {
    /// What a continuation line inherits.
    struct ContinuationOwner: Sendable {
        var time: Double?
        var severity: Severity
        var names: PlainTextNames

        var loggers: [String] { names.loggers }
        var service: String? { names.service }
    }

    var owner: ContinuationOwner?
    var inTraceback = false

    /// The state continuation lines depend on, as one value (what a shared
    /// batch's parts hand on to each other, see `LogReader`).
    struct Continuation: Sendable {
        var owner: ContinuationOwner?
        var inTraceback = false
    }

    var continuation: Continuation {
        get { Continuation(owner: owner, inTraceback: inTraceback) }
        set { (owner, inTraceback) = (newValue.owner, newValue.inTraceback) }
    }
    var severityWords = SeverityWordCache()
    /// The last `logName` seen and the logger name it gave.
    var lastLogName: (raw: [UInt8], tail: String?)?
    var names = TextInterner()
    /// The plain-text headers met last, with their severity and names.
    var plainHeaders = PlainTextHeaderCache()
    /// The field table of the JSON entry being parsed, refilled per entry.
    var fields = JSONLogFields()
    /// The layouts of the JSON entries seen, for collecting `fields` of the next.
    var layouts = JSONLayoutCache()
    /// The shape of each of those layouts' lines, by layout, once one was
    /// parsed (asked of the fields, a dozen tests per JSON line).
    var layoutShapes: [LogShape?] = []
    /// The message of the request entry just sketched (`EntrySketch.summarizesRequest`),
    /// rewritten per entry.
    var requestSummary: [UInt8] = []
    /// The hour of the last timestamp read.
    var hours = TimestampParser.Cache()

    public init() {}

    /// Parses one entry into a record; never fails (the worst case is `.unparsed`).
    ///
    /// - Parameters:
    ///   - entry: one entry from `EntryAssembler`; its `rawByteCount` and
    ///     `truncated` are copied into the record.
    ///   - arrival: when the entry was read, in seconds since 1970.
    ///   - source: the name of the source it came from.
    public mutating func parse(_ entry: RawEntry, arrival: Double, source: String) -> LogRecord {
        entry.bytes.withUnsafeBufferPointer {
            parse($0, rawByteCount: entry.rawByteCount, truncated: entry.truncated, arrival: arrival, source: source)
        }
    }

    /// Parses one entry's bytes where they lie (a line read in place).
    public mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>, rawByteCount: Int, truncated: Bool,
                               arrival: Double, source: String) -> LogRecord {
        var record = parseBytes(bytes)
        stamp(&record, rawByteCount: rawByteCount, truncated: truncated, arrival: arrival, source: source)
        return record
    }

    /// Parses an entry that `sketch` just sketched (and nothing else was
    /// parsed since): the fields it found are used again, not looked for twice.
    mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>, sketched sketch: EntrySketch, arrival: Double,
                        source: String) -> LogRecord {
        var record: LogRecord
        if let owner = sketch.owner {
            record = Self.plainTextRecord(bytes, messageStart: sketch.message.lowerBound, owner: owner)
        } else {
            record = jsonRecord(sketch.shape, JSONByteScanner(bytes), objectAt: sketch.objectStart,
                                time: sketch.time, severity: sketch.severity)
        }
        adopt(sketch)
        stamp(&record, rawByteCount: bytes.count, truncated: false, arrival: arrival, source: source)
        return record
    }

    private func stamp(_ record: inout LogRecord, rawByteCount: Int, truncated: Bool, arrival: Double, source: String) {
        record.arrival = arrival
        record.source = source
        record.rawByteCount = rawByteCount
        record.truncated = truncated
    }

    private mutating func parseBytes(_ p: UnsafeBufferPointer<UInt8>) -> LogRecord {
        var first = 0
        while first < p.count, p[first] == 0x20 || p[first] == 0x09 { first += 1 }
        if first < p.count, p[first] == UInt8(ascii: "{"), p.count < JSONByteScanner.maxBufferBytes, let record = parseJSON(p, at: first) {
            endContinuation()
            return record
        }
        if let record = parsePlainText(p) {
            return record
        }
        if let owner {
            let startsTraceback = Self.hasPrefix(p, "Traceback (most recent call last):")
            if first > 0 || startsTraceback {
                if startsTraceback { inTraceback = true }
                return continuation(p, owner)
            }
        }
        if let record = parseLogfmt(p) {
            endContinuation()
            return record
        }
        if let owner, inTraceback {
            return continuation(p, owner)
        }
        endContinuation()
        return LogRecord(message: DisplaySafeText.make(buffer: p), shape: .unparsed)
    }

    mutating func endContinuation() {
        owner = nil
        inTraceback = false
    }

    private func continuation(_ p: UnsafeBufferPointer<UInt8>, _ owner: ContinuationOwner) -> LogRecord {
        LogRecord(time: owner.time, severity: owner.severity, message: DisplaySafeText.make(buffer: p),
                  loggers: owner.loggers, service: owner.service, shape: .continuation)
    }

    static func hasPrefix(_ p: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard p.count >= count else { return false }
        let w = prefix.utf8Start
        for k in 0..<count where p[k] != w[k] { return false }
        return true
    }

    /// Appends a logger name unless it is empty or already listed.
    static func addLogger(_ name: String?, to loggers: inout [String]) {
        guard let name, !name.isEmpty, !loggers.contains(name) else { return }
        loggers.append(name)
    }
}
