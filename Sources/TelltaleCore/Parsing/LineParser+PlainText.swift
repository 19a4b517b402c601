extension LineParser {
    /// Parses `YYYY-MM-DD HH:MM:SS,mmm - service - logger - LEVEL - message` (and
    /// the same without the service field); nil for any other line.
    ///
    /// Fields are separated by ` - `; the message is everything after the
    /// separator that follows the level, so exactly one space is trimmed and any
    /// further leading spaces (the backend writes `ERROR -  FAIL:`) are kept.
    mutating func parsePlainText(_ p: UnsafeBufferPointer<UInt8>) -> LogRecord? {
        // Cheap rejection first: most non-plain lines fail on the first bytes.
        guard p.count >= 24, p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-"),
              p[0] >= 0x30, p[0] <= 0x39,
              let timeEnd = Self.separator(in: p, from: 19),
              let time = TimestampParser.parse(buffer: UnsafeBufferPointer(rebasing: p[0..<timeEnd]))
        else { return nil }
        // Up to three fields before the message: [service,] logger, LEVEL.
        var fields: [Range<Int>] = []
        var cursor = timeEnd + 3
        var messageStart: Int?
        while fields.count < 3 {
            if let next = Self.separator(in: p, from: cursor) {
                fields.append(cursor..<next)
                cursor = next + 3
            } else {
                // `LEVEL -` at the very end: an empty message.
                if p.count - cursor >= 2, p[p.count - 1] == UInt8(ascii: "-"), p[p.count - 2] == 0x20 {
                    fields.append(cursor..<(p.count - 2))
                    cursor = p.count
                }
                break
            }
            if fields.count >= 2, levelOf(p, fields[fields.count - 1]) != nil {
                messageStart = cursor
                break
            }
        }
        if messageStart == nil, fields.count >= 2, levelOf(p, fields[fields.count - 1]) != nil {
            messageStart = min(cursor, p.count)
        }
        guard let messageStart, let levelRange = fields.last, let level = levelOf(p, levelRange) else { return nil }
        var loggers: [String] = []
        Self.addLogger(names.text(UnsafeBufferPointer(rebasing: p[fields[fields.count - 2]])), to: &loggers)
        let service = fields.count == 3 ? names.text(UnsafeBufferPointer(rebasing: p[fields[0]])) : nil
        let message = DisplaySafeText.make(buffer: UnsafeBufferPointer(rebasing: p[messageStart..<p.count]))
        return LogRecord(time: time, severity: level, message: message, loggers: loggers,
                         service: service, shape: .plainText)
    }

    private mutating func levelOf(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Severity? {
        severityWords.severity(UnsafeBufferPointer(rebasing: p[range]))
    }

    /// Index of the next ` - ` at or after `from`.
    static func separator(in p: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        var i = from
        while i + 2 < p.count {
            if p[i] == 0x20, p[i + 1] == UInt8(ascii: "-"), p[i + 2] == 0x20 { return i }
            i += 1
        }
        return nil
    }
}
