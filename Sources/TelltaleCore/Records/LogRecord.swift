/// One log entry, as every later stage sees it, whatever shape it came in.
///
/// Text fields are already safe to show: invalid UTF-8 was repaired to U+FFFD and
/// control characters were replaced by visible control pictures (see
/// `DisplaySafeText`), so no stage after the parser can write a raw escape
/// sequence to a terminal or a report.
public struct LogRecord: Sendable, Equatable {
    /// The record's own time in seconds since 1970, when it carries one.
    public var time: Double?
    /// When the line was read, in seconds since 1970.
    public var arrival: Double
    public var severity: Severity
    /// The message text (for `unparsed`, the whole line).
    public var message: String
    /// Every name of where the entry came from, most specific first: `logger`,
    /// `labels.module`, `context.name`, the plain-text logger. Rules that
    /// restrict to a logger prefix look at all of them.
    public var loggers: [String]
    /// `resource.labels.revision_name` of a Cloud Logging entry.
    public var revision: String?
    /// The service name (`resource.labels.service_name` or `service`).
    public var service: String?
    /// `httpRequest` of a Cloud Logging request log.
    public var httpRequest: HTTPRequestInfo?
    public var shape: LogShape
    /// Name of the source the line came from (a path, `-`, a URL).
    public var source: String
    /// Length in bytes of the raw entry, before any truncation.
    public var rawByteCount: Int
    /// Whether the entry was longer than the line cap and was cut for display.
    public var truncated: Bool

    public init(
        time: Double? = nil, arrival: Double = 0, severity: Severity = .default,
        message: String, loggers: [String] = [], revision: String? = nil,
        service: String? = nil, httpRequest: HTTPRequestInfo? = nil,
        shape: LogShape = .unparsed, source: String = "", rawByteCount: Int = 0,
        truncated: Bool = false
    ) {
        self.time = time
        self.arrival = arrival
        self.severity = severity
        self.message = message
        self.loggers = loggers
        self.revision = revision
        self.service = service
        self.httpRequest = httpRequest
        self.shape = shape
        self.source = source
        self.rawByteCount = rawByteCount
        self.truncated = truncated
    }

    /// Log time: the record's time, or its arrival when it has none.
    public var effectiveTime: Double { time ?? arrival }

    /// The most specific logger name, or "" when the entry names none.
    public var logger: String { loggers.first ?? "" }
}

/// The request part of a Cloud Logging request log.
public struct HTTPRequestInfo: Sendable, Equatable {
    public var method: String
    public var url: String
    public var status: Int?
    /// Latency in seconds (`"13.04s"` becomes 13.04).
    public var latency: Double?

    public init(method: String, url: String, status: Int?, latency: Double?) {
        self.method = method
        self.url = url
        self.status = status
        self.latency = latency
    }
}
