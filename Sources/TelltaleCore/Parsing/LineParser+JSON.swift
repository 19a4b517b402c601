#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

extension LineParser {
    /// Parses a JSON object entry (app JSON, unified, Cloud Logging or other);
    /// nil when the bytes are not exactly one valid JSON object.
    mutating func parseJSON(_ p: UnsafeBufferPointer<UInt8>, at start: Int) -> LogRecord? {
        let scanner = JSONByteScanner(p)
        guard let shape = collectJSON(scanner, at: start) else { return nil }
        return jsonRecord(shape, scanner, objectAt: start,
                          time: entryTime(shape, scanner), severity: entrySeverity(shape, scanner))
    }

    /// The record of the object at `start`, whose fields `collectJSON` has
    /// just collected, given its time and severity.
    mutating func jsonRecord(_ shape: LogShape, _ scanner: JSONByteScanner, objectAt start: Int,
                             time: Double?, severity: Severity) -> LogRecord {
        var loggers: [String] = []
        switch shape {
        case .cloudLogging:
            return cloudLogging(scanner, time: time, severity: severity)
        case .appJSON:
            Self.addLogger(name(fields.labelsModule, scanner), to: &loggers)
            Self.addLogger(name(fields.contextName, scanner), to: &loggers)
            return LogRecord(time: time, severity: severity, message: messageText(shape, scanner) ?? "",
                             loggers: loggers, shape: .appJSON)
        case .unifiedJSON:
            Self.addLogger(name(fields.logger, scanner), to: &loggers)
            // The formatter's `error` object is a bug of the backend, not an error:
            // severity and message come from the top-level fields only.
            return LogRecord(time: time, severity: severity, message: messageText(shape, scanner) ?? "",
                             loggers: loggers, service: name(fields.service, scanner), shape: .unifiedJSON)
        default:
            for token in [fields.logger, fields.name, fields.module] { Self.addLogger(name(token, scanner), to: &loggers) }
            let message = messageText(shape, scanner) ?? scanner.compactText(from: start, to: fields.end)
            return LogRecord(time: time, severity: severity, message: message, loggers: loggers,
                             service: name(fields.service, scanner), shape: .otherJSON)
        }
    }

    /// Collects the fields of the object at `start` into `fields` and tells its
    /// shape; nil when the bytes are not exactly one valid JSON object.
    mutating func collectJSON(_ scanner: JSONByteScanner, at start: Int) -> LogShape? {
        if !layouts.match(scanner, objectAt: start, into: &fields) {
            guard fields.collect(scanner, objectAt: start), scanner.skipWhitespace(fields.end) == scanner.p.count else {
                return nil
            }
            layouts.learn(scanner, objectAt: start, fields: fields)
        }
        // Which fields a line has is its layout's: so is its shape.
        let layout = fields.filledByLayout
        if layout >= 0, layout < layoutShapes.count, let shape = layoutShapes[layout] { return shape }
        let shape = shapeOfFields()
        if layout >= 0 {
            if layout >= layoutShapes.count { layoutShapes += Array(repeating: nil, count: layout + 1 - layoutShapes.count) }
            layoutShapes[layout] = shape
        }
        return shape
    }

    /// The shape the collected fields make.
    private func shapeOfFields() -> LogShape {
        if fields.insertId != nil || fields.logName != nil || fields.resource != nil,
           fields.jsonPayload != nil || fields.textPayload != nil || fields.httpRequest != nil {
            return .cloudLogging
        }
        if fields.severity != nil, fields.message != nil, fields.labels?.kind == .object || fields.context?.kind == .object {
            return .appJSON
        }
        if fields.severity != nil, fields.message != nil, fields.logger != nil, fields.service != nil {
            return .unifiedJSON
        }
        return .otherJSON
    }

    /// The member an entry of `shape` takes its message from as text, when it
    /// has one (a Cloud Logging entry without one describes its payload or its
    /// request instead, another object shows itself whole).
    @inline(__always) func messageToken(_ shape: LogShape) -> JSONToken? {
        switch shape {
        case .cloudLogging:
            let fromPayload = fields.jsonPayload?.kind == .object ? fields.payloadMessage ?? fields.payloadMsg : nil
            return fromPayload ?? fields.textPayload
        case .appJSON, .unifiedJSON:
            return fields.message
        default:
            return fields.message ?? fields.msg ?? fields.textPayload ?? fields.log
        }
    }

    private func messageText(_ shape: LogShape, _ scanner: JSONByteScanner) -> String? {
        messageToken(shape).flatMap(scanner.looseText)
    }

    /// The severity of a collected entry of `shape`.
    mutating func entrySeverity(_ shape: LogShape, _ scanner: JSONByteScanner) -> Severity {
        switch shape {
        case .cloudLogging: severity(fields.severity ?? fields.payloadSeverity ?? fields.payloadLevel, scanner)
        case .appJSON, .unifiedJSON: severity(fields.severity, scanner)
        default: severity(fields.severity ?? fields.level ?? fields.levelname, scanner)
        }
    }

    /// The time of a collected entry of `shape`.
    mutating func entryTime(_ shape: LogShape, _ scanner: JSONByteScanner) -> Double? {
        switch shape {
        case .cloudLogging: time(fields.timestamp, scanner) ?? time(fields.receiveTimestamp, scanner)
        case .appJSON, .unifiedJSON: time(fields.timestamp, scanner)
        default: time(fields.timestamp ?? fields.time ?? fields.ts ?? fields.atTimestamp, scanner)
        }
    }

    /// A Cloud Logging `LogEntry`, with the app's object under `jsonPayload` or a
    /// `textPayload`, and possibly an `httpRequest`.
    private mutating func cloudLogging(_ scanner: JSONByteScanner, time: Double?, severity: Severity) -> LogRecord {
        var loggers: [String] = []
        var message = messageText(.cloudLogging, scanner)
        if let payload = fields.jsonPayload, payload.kind == .object {
            Self.addLogger(name(fields.payloadLogger, scanner), to: &loggers)
            Self.addLogger(name(fields.payloadLabelsModule, scanner), to: &loggers)
            Self.addLogger(name(fields.payloadContextName, scanner), to: &loggers)
            if message == nil, fields.textPayload == nil, fields.httpRequest == nil {
                message = scanner.compactText(from: payload.start, to: payload.end)
            }
        }
        if let logName = fields.logName, logName.kind == .string {
            Self.addLogger(logNameTail(scanner.bytes(logName), escaped: logName.hasEscapes, scanner, logName), to: &loggers)
        }
        let revision = name(fields.revisionName, scanner)
        let service = name(fields.serviceName, scanner)
        let request = fields.httpRequest.flatMap { httpRequest($0, scanner) }
        if message == nil, let request {
            message = request.summary
        }
        return LogRecord(time: time, severity: severity, message: message ?? "", loggers: loggers, revision: revision, service: service,
                         httpRequest: request?.info, shape: .cloudLogging)
    }

    /// `httpRequest` and the one-line summary used when the entry has no message.
    private func httpRequest(_ token: JSONToken, _ scanner: JSONByteScanner) -> (info: HTTPRequestInfo, summary: String)? {
        guard token.kind == .object else { return nil }
        let method = fields.requestMethod.flatMap(scanner.looseText) ?? ""
        let url = fields.requestURL.flatMap(scanner.looseText) ?? ""
        let status = fields.requestStatus.flatMap(scanner.number).flatMap { Int(exactly: $0) }
        let latencyText = fields.requestLatency.flatMap(scanner.looseText)
        let latency = latencyText.flatMap(Self.seconds(fromLatency:))
        let parts = [method, url, status.map(String.init) ?? "", latencyText ?? ""].filter { !$0.isEmpty }
        return (HTTPRequestInfo(method: method, url: url, status: status, latency: latency), parts.joined(separator: " "))
    }

    /// The logger name a `logName` gives, remembered because a stream repeats a
    /// few log names over and over.
    private mutating func logNameTail(_ raw: UnsafeBufferPointer<UInt8>, escaped: Bool, _ scanner: JSONByteScanner, _ token: JSONToken) -> String? {
        if !escaped, let cached = lastLogName, cached.raw.count == raw.count,
           cached.raw.withUnsafeBufferPointer({ memcmp($0.baseAddress!, raw.baseAddress!, raw.count) == 0 }) {
            return cached.tail
        }
        let tail = Self.lastPathComponent(scanner.decodedBytes(token))
        if !escaped { lastLogName = (Array(raw), tail) }
        return tail
    }

    /// Cloud Logging writes durations as seconds with an `s` suffix (`"13.04s"`).
    static func seconds(fromLatency text: String) -> Double? {
        var digits = Substring(text)
        if digits.hasSuffix("s") { digits = digits.dropLast() }
        guard let value = Double(digits), value.isFinite, value >= 0 else { return nil }
        return value
    }

    /// The last `/` part of a log name, percent-decoded
    /// (`projects/p/logs/run.googleapis.com%2Fstderr` → `run.googleapis.com/stderr`).
    static func lastPathComponent(_ bytes: [UInt8]) -> String? {
        let tail = bytes.lastIndex(of: UInt8(ascii: "/")).map { bytes[($0 + 1)...] } ?? bytes[...]
        guard !tail.isEmpty else { return nil }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(tail.count)
        var i = tail.startIndex
        while i < tail.endIndex {
            if tail[i] == UInt8(ascii: "%"), i + 2 < tail.endIndex,
               let high = JSONByteScanner.hexValue(tail[i + 1]), let low = JSONByteScanner.hexValue(tail[i + 2]) {
                decoded.append(high << 4 | low)
                i += 3
            } else {
                decoded.append(tail[i])
                i += 1
            }
        }
        return DisplaySafeText.make(decoded)
    }

    /// A name field (logger, service, revision): text like `looseText`, but
    /// plain strings come from the interner since a stream repeats its names.
    mutating func name(_ token: JSONToken?, _ scanner: JSONByteScanner) -> String? {
        guard let token else { return nil }
        guard token.kind == .string, !token.hasEscapes else { return scanner.looseText(token) }
        return names.text(scanner.bytes(token))
    }

    /// A severity field: a word, or a number on Cloud Logging's or pino's scale.
    /// Present but not a known severity → `.default`.
    mutating func severity(_ token: JSONToken?, _ scanner: JSONByteScanner) -> Severity {
        guard let token else { return .default }
        switch token.kind {
        case .string where !token.hasEscapes:
            return severityWords.severity(scanner.bytes(token)) ?? .default
        case .string:
            return scanner.decodeString(token).withUnsafeBufferPointer { severityWords.severity($0) } ?? .default
        case .number:
            return scanner.number(token).flatMap(SeverityWordCache.severity(number:)) ?? .default
        default:
            return .default
        }
    }

    /// A time field: an ISO 8601 string or an epoch number (s, ms, µs or ns).
    mutating func time(_ token: JSONToken?, _ scanner: JSONByteScanner) -> Double? {
        guard let token else { return nil }
        switch token.kind {
        case .string where !token.hasEscapes:
            return TimestampParser.parse(buffer: scanner.bytes(token), cache: &hours)
        case .string:
            return scanner.decodeString(token).withUnsafeBufferPointer { TimestampParser.parse(buffer: $0) }
        case .number:
            return scanner.number(token).flatMap(TimestampParser.epochSeconds)
        default:
            return nil
        }
    }
}
