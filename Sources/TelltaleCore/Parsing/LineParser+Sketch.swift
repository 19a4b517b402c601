extension LineParser {
    /// Sketches a JSON or plain-text entry whose message is plain printable
    /// ASCII; nil for any other entry. Only the parser's caches change: the
    /// caller either `adopt`s the sketch or parses the entry with
    /// `parse(_:sketched:arrival:source:)`.
    ///
    /// `parse` on the same bytes gives a record with this time, severity,
    /// shape and revision, and the sketch's message bytes as its message.
    mutating func sketch(_ p: UnsafeBufferPointer<UInt8>) -> EntrySketch? {
        var first = 0
        while first < p.count, p[first] == 0x20 || p[first] == 0x09 { first += 1 }
        guard first < p.count else { return nil }
        if p[first] == UInt8(ascii: "{") {
            return sketchJSON(p, at: first)
        }
        return sketchPlainText(p)
    }

    private mutating func sketchJSON(_ p: UnsafeBufferPointer<UInt8>, at start: Int) -> EntrySketch? {
        guard p.count < JSONByteScanner.maxBufferBytes else { return nil }
        let scanner = JSONByteScanner(p)
        // Not one valid object: `parse` reads it as some other shape.
        guard let shape = collectJSON(scanner, at: start),
              let token = messageToken(shape), token.kind == .string, !token.hasEscapes,
              DisplaySafeText.isPlainASCII(scanner.bytes(token)) else { return nil }
        return EntrySketch(time: entryTime(shape, scanner), severity: entrySeverity(shape, scanner),
                           revision: shape == .cloudLogging ? name(fields.revisionName, scanner) : nil,
                           shape: shape, message: token.start..<token.end, owner: nil, objectStart: start)
    }

    private mutating func sketchPlainText(_ p: UnsafeBufferPointer<UInt8>) -> EntrySketch? {
        guard let header = plainTextHeader(p),
              DisplaySafeText.isPlainASCII(UnsafeBufferPointer(rebasing: p[header.messageStart..<p.count])) else { return nil }
        return EntrySketch(time: header.time, severity: header.severity, revision: nil, shape: .plainText,
                           message: header.messageStart..<p.count, owner: plainTextOwner(header, in: p))
    }

    /// Takes the entry as sketched: the continuation state becomes what
    /// `parse` would have left (a plain-text entry owns the lines after it,
    /// a JSON entry owns none).
    mutating func adopt(_ sketch: EntrySketch) {
        owner = sketch.owner
        inTraceback = false
    }
}
