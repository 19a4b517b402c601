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
        guard let shape = collectJSON(scanner, at: start) else { return nil }
        var message = 0..<0
        var summarizesRequest = false
        if let token = messageToken(shape) {
            guard token.kind == .string, !token.hasEscapes, DisplaySafeText.isPlainASCII(scanner.bytes(token)) else { return nil }
            message = token.start..<token.end
        } else if shape == .cloudLogging, let request = fields.httpRequest, request.kind == .object {
            // A request log's message is the summary of its request.
            guard summarizeRequest(scanner) else { return nil }
            summarizesRequest = true
        } else {
            return nil
        }
        return EntrySketch(time: entryTime(shape, scanner), severity: entrySeverity(shape, scanner),
                           revision: shape == .cloudLogging ? name(fields.revisionName, scanner) : nil,
                           shape: shape, message: message, summarizesRequest: summarizesRequest, owner: nil,
                           objectStart: start)
    }

    /// Writes into `requestSummary` the message `parse` makes for a Cloud
    /// Logging request entry that has no text of its own (`GET <url> 200
    /// 0.021s`), when each part is already that text as it lies: a plain
    /// ASCII string without escapes, and a status of plain digits (which
    /// `String(Int)` writes back the same). False for any other request:
    /// it is parsed whole.
    private mutating func summarizeRequest(_ scanner: JSONByteScanner) -> Bool {
        requestSummary.removeAll(keepingCapacity: true)
        func add(_ token: JSONToken?, digits: Bool = false) -> Bool {
            guard let token else { return true }
            guard !token.hasEscapes else { return false }
            let bytes = scanner.bytes(token)
            // An empty part is left out of the summary, as `parse` leaves it.
            if bytes.isEmpty { return token.kind == .string }
            if digits {
                guard token.kind == .number, bytes.count <= 15, bytes[0] != UInt8(ascii: "0") || bytes.count == 1,
                      !bytes.contains(where: { $0 &- 0x30 >= 10 }) else { return false }
            } else {
                guard token.kind == .string, DisplaySafeText.isPlainASCII(bytes) else { return false }
            }
            if !requestSummary.isEmpty { requestSummary.append(0x20) }
            requestSummary.append(contentsOf: bytes)
            return true
        }
        return add(fields.requestMethod) && add(fields.requestURL) && add(fields.requestStatus, digits: true)
            && add(fields.requestLatency)
    }

    private mutating func sketchPlainText(_ p: UnsafeBufferPointer<UInt8>) -> EntrySketch? {
        guard let entry = plainTextEntry(p),
              DisplaySafeText.isPlainASCII(UnsafeBufferPointer(rebasing: p[entry.messageStart..<p.count])) else { return nil }
        return EntrySketch(time: entry.owner.time, severity: entry.owner.severity, revision: nil, shape: .plainText,
                           message: entry.messageStart..<p.count, summarizesRequest: false, owner: entry.owner)
    }

    /// Takes the entry as sketched: the continuation state becomes what
    /// `parse` would have left (a plain-text entry owns the lines after it,
    /// a JSON entry owns none).
    mutating func adopt(_ sketch: EntrySketch) {
        // Lines with one header share one names object (the header cache's):
        // then only the time and level change, and the parser's reference is
        // kept, not released and retained again (two atomic operations a line).
        if let new = sketch.owner, owner?.names === new.names {
            owner!.time = new.time
            owner!.severity = new.severity
        } else {
            owner = sketch.owner
        }
        inTraceback = false
    }
}
