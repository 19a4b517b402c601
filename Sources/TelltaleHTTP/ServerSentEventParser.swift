/// Parses a `text/event-stream` body into events, following the WHATWG rules.
///
/// Log servers that speak SSE send each log line as an event's data, mark events with ids so a
/// client can resume with `Last-Event-ID`, and send comment lines as keep-alives. The parser is
/// pure so those rules can be tested without a server.
struct ServerSentEventParser: Sendable {
    /// A dispatched event.
    struct Event: Sendable, Equatable {
        var data: String
        var type: String
        var id: String
    }

    /// The id of the last dispatched event, sent as `Last-Event-ID` on reconnect.
    private(set) var lastEventID = ""
    /// The reconnection delay the server asked for with `retry:`, in seconds.
    private(set) var retryDelay: Double?

    private var line: [UInt8] = []
    private var previousWasCarriageReturn = false
    private var dataBuffer: [String] = []
    private var eventType = ""
    private var idBuffer = ""
    private var hasFieldsSinceDispatch = false

    /// True when an event has started but not been dispatched, so a drop now loses it.
    var hasPartialEvent: Bool { !line.isEmpty || hasFieldsSinceDispatch }

    /// Feeds bytes and returns the events they complete.
    mutating func accept(_ bytes: some Sequence<UInt8>) -> [Event] {
        var events: [Event] = []
        for byte in bytes {
            if previousWasCarriageReturn {
                previousWasCarriageReturn = false
                if byte == UInt8(ascii: "\n") { continue }
            }
            switch byte {
            case UInt8(ascii: "\r"):
                previousWasCarriageReturn = true
                if let event = endLine() { events.append(event) }
            case UInt8(ascii: "\n"):
                if let event = endLine() { events.append(event) }
            default:
                line.append(byte)
            }
        }
        return events
    }

    /// Forgets a half-received event at a disconnect; the last dispatched id and the retry
    /// delay survive, since the reconnect needs them.
    mutating func resetConnection() {
        line = []
        previousWasCarriageReturn = false
        dataBuffer = []
        eventType = ""
        idBuffer = lastEventID
        hasFieldsSinceDispatch = false
    }

    // MARK: - Lines

    private mutating func endLine() -> Event? {
        defer { line = [] }
        if line.isEmpty {
            return dispatch()
        }
        if line.first == UInt8(ascii: ":") {
            return nil
        }
        let field: String
        var value: ArraySlice<UInt8>
        if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
            field = String(decoding: line[..<colon], as: UTF8.self)
            value = line[(colon + 1)...]
            if value.first == UInt8(ascii: " ") { value = value.dropFirst() }
        } else {
            field = String(decoding: line, as: UTF8.self)
            value = []
        }
        let text = String(decoding: value, as: UTF8.self)
        switch field {
        case "data":
            dataBuffer.append(text)
            hasFieldsSinceDispatch = true
        case "event":
            eventType = text
            hasFieldsSinceDispatch = true
        case "id":
            if !value.contains(0) {
                idBuffer = text
                hasFieldsSinceDispatch = true
            }
        case "retry":
            if !value.isEmpty, value.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
                let milliseconds = Int(text)
            {
                retryDelay = Double(milliseconds) / 1000
            }
        default:
            break
        }
        return nil
    }

    private mutating func dispatch() -> Event? {
        lastEventID = idBuffer
        hasFieldsSinceDispatch = false
        defer {
            dataBuffer = []
            eventType = ""
        }
        guard !dataBuffer.isEmpty else { return nil }
        return Event(
            data: dataBuffer.joined(separator: "\n"),
            type: eventType.isEmpty ? "message" : eventType, id: lastEventID)
    }
}
