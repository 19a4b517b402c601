extension LineParser {
    /// Parses `YYYY-MM-DD HH:MM:SS,mmm - service - logger - LEVEL - message` (and
    /// the same without the service field); nil for any other line. The entry
    /// becomes the owner of the continuation lines after it.
    ///
    /// Fields are separated by ` - `; the message is everything after the
    /// separator that follows the level, so exactly one space is trimmed and any
    /// further leading spaces (the backend writes `ERROR -  FAIL:`) are kept.
    mutating func parsePlainText(_ p: UnsafeBufferPointer<UInt8>) -> LogRecord? {
        guard let entry = plainTextEntry(p) else { return nil }
        self.owner = entry.owner
        inTraceback = false
        return Self.plainTextRecord(p, messageStart: entry.messageStart, owner: entry.owner)
    }

    /// Where a plain-text line's message starts, and what it passes on to
    /// its continuation lines (its time, severity, logger and service).
    struct PlainTextEntry {
        var messageStart: Int
        var owner: ContinuationOwner
    }

    /// The entry of a plain-text line, or nil when it is not one: its
    /// header from `plainHeaders` when one remembered there starts the line
    /// after its timestamp, else read field by field (and remembered).
    mutating func plainTextEntry(_ p: UnsafeBufferPointer<UInt8>) -> PlainTextEntry? {
        guard let (time, timeEnd) = plainTextTime(p) else { return nil }
        if let hit = plainHeaders.index(matching: p, at: timeEnd) {
            let (length, severity, names) = plainHeaders.fields(at: hit)
            return PlainTextEntry(messageStart: timeEnd + length,
                                  owner: ContinuationOwner(time: time, severity: severity, names: names))
        }
        guard let header = plainTextHeader(p, time: time, timeEnd: timeEnd) else { return nil }
        let owner = plainTextOwner(header, in: p)
        // Only a header that ended at a ` - ` is remembered: one that ended
        // with the line (`LEVEL -`) reads differently when text follows.
        if header.endsAtSeparator {
            plainHeaders.remember(UnsafeBufferPointer(rebasing: p[timeEnd..<header.messageStart]), severity: header.severity,
                                  names: owner.names)
        }
        return PlainTextEntry(messageStart: header.messageStart, owner: owner)
    }

    /// The record of a plain-text entry: its owner's fields and its message.
    static func plainTextRecord(_ p: UnsafeBufferPointer<UInt8>, messageStart: Int, owner: ContinuationOwner) -> LogRecord {
        let message = DisplaySafeText.make(buffer: UnsafeBufferPointer(rebasing: p[messageStart..<p.count]))
        return LogRecord(time: owner.time, severity: owner.severity, message: message, loggers: owner.loggers,
                         service: owner.service, shape: .plainText)
    }

    /// Where the fields of a plain-text entry lie, before any text is made of them.
    struct PlainTextHeader {
        var time: Double
        var severity: Severity
        var logger: Range<Int>
        var service: Range<Int>?
        var messageStart: Int
        /// Whether the message starts after a ` - ` (not at a `LEVEL -` that ends the line).
        var endsAtSeparator: Bool
    }

    /// A plain-text line's time and where its timestamp ends (at the first
    /// ` - `), or nil when it does not start like one.
    mutating func plainTextTime(_ p: UnsafeBufferPointer<UInt8>) -> (time: Double, end: Int)? {
        // Cheap rejection first: most non-plain lines fail on the first bytes.
        guard p.count >= 24, p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-"),
              p[0] >= 0x30, p[0] <= 0x39,
              let timeEnd = Self.separator(in: p, from: 19),
              let time = TimestampParser.parse(buffer: UnsafeBufferPointer(rebasing: p[0..<timeEnd]), cache: &hours)
        else { return nil }
        return (time, timeEnd)
    }

    /// The fields of a plain-text line after its timestamp, or nil when it is not one.
    mutating func plainTextHeader(_ p: UnsafeBufferPointer<UInt8>, time: Double, timeEnd: Int) -> PlainTextHeader? {
        // Up to three fields before the message: [service,] logger, LEVEL
        // (kept in three variables: an array would cost an allocation a line).
        var fields: (Range<Int>, Range<Int>, Range<Int>) = (0..<0, 0..<0, 0..<0)
        var count = 0
        func append(_ range: Range<Int>) {
            switch count {
            case 0: fields.0 = range
            case 1: fields.1 = range
            default: fields.2 = range
            }
            count += 1
        }
        func field(_ index: Int) -> Range<Int> {
            index == 0 ? fields.0 : index == 1 ? fields.1 : fields.2
        }
        var cursor = timeEnd + 3
        // Whether the level word was followed by a ` - `, not by the line's end.
        var endsAtSeparator = true
        // Where the message starts, and the level the field before it names.
        var found: (messageStart: Int, level: Severity)?
        while count < 3 {
            if let next = Self.separator(in: p, from: cursor) {
                append(cursor..<next)
                cursor = next + 3
            } else {
                // `LEVEL -` at the very end: an empty message.
                if p.count - cursor >= 2, p[p.count - 1] == UInt8(ascii: "-"), p[p.count - 2] == 0x20 {
                    append(cursor..<(p.count - 2))
                    cursor = p.count
                    endsAtSeparator = false
                }
                break
            }
            if count >= 2, let level = levelOf(p, field(count - 1)) {
                found = (cursor, level)
                break
            }
        }
        if found == nil, count >= 2, let level = levelOf(p, field(count - 1)) {
            found = (min(cursor, p.count), level)
        }
        guard let found, count >= 2 else { return nil }
        return PlainTextHeader(time: time, severity: found.level, logger: field(count - 2),
                               service: count == 3 ? fields.0 : nil, messageStart: found.messageStart,
                               endsAtSeparator: endsAtSeparator)
    }

    /// What a plain-text entry passes on to its continuation lines, with its
    /// logger and service names from the interner.
    mutating func plainTextOwner(_ header: PlainTextHeader, in p: UnsafeBufferPointer<UInt8>) -> ContinuationOwner {
        let loggers = names.list(UnsafeBufferPointer(rebasing: p[header.logger]))
        let service = header.service.map { names.text(UnsafeBufferPointer(rebasing: p[$0])) }
        return ContinuationOwner(time: header.time, severity: header.severity,
                                 names: PlainTextNames(loggers: loggers, service: service))
    }

    private mutating func levelOf(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Severity? {
        severityWords.severity(UnsafeBufferPointer(rebasing: p[range]))
    }

    /// Index of the next ` - ` at or after `from`, sixteen positions at a
    /// time while they last (every plain-text line has three or four).
    static func separator(in p: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        typealias Bytes = SIMD16<UInt8>
        var i = from
        if let base = p.baseAddress {
            let raw = UnsafeRawPointer(base)
            let space = Bytes(repeating: 0x20), dash = Bytes(repeating: UInt8(ascii: "-"))
            // A block looks at positions i..<i+16 and the two bytes after each.
            while i + 18 <= p.count {
                let first = raw.loadUnaligned(fromByteOffset: i, as: Bytes.self) .== space
                let second = raw.loadUnaligned(fromByteOffset: i + 1, as: Bytes.self) .== dash
                let third = raw.loadUnaligned(fromByteOffset: i + 2, as: Bytes.self) .== space
                let halves = unsafeBitCast(first .& second .& third, to: SIMD2<UInt64>.self)
                if halves[0] != 0 { return i + halves[0].trailingZeroBitCount / 8 }
                if halves[1] != 0 { return i + 8 + halves[1].trailingZeroBitCount / 8 }
                i += 16
            }
        }
        while i + 2 < p.count {
            if p[i] == 0x20, p[i + 1] == UInt8(ascii: "-"), p[i + 2] == 0x20 { return i }
            i += 1
        }
        return nil
    }
}
