/// Which of the formats a log entry was recognised as.
///
/// Detected per entry, never per file: one source can mix shapes (a Cloud Run
/// service prints app JSON and the platform wraps some of it in LogEntries).
public enum LogShape: String, Sendable, CaseIterable, Hashable {
    /// App stdout JSON from the GCP formatter: `severity`, `message`, `timestamp`
    /// with an offset, `labels{module}`, `context{name}`.
    case appJSON = "app-json"
    /// The unified logging formatter: `timestamp` ending in `Z`, `severity`,
    /// `service`, `logger`, `message`, and a spurious `error` object.
    case unifiedJSON = "unified-json"
    /// A Cloud Logging `LogEntry` (`jsonPayload` or `textPayload`, `resource`).
    case cloudLogging = "cloud-logging"
    /// Any other JSON object with a recognisable message field.
    case otherJSON = "json"
    /// `YYYY-MM-DD HH:MM:SS,mmm - service - logger - LEVEL - message`.
    case plainText = "plain"
    /// `level=warn msg="..."`.
    case logfmt = "logfmt"
    /// A line following a plain-text entry that belongs to it (a traceback).
    case continuation = "continuation"
    /// Anything else: the whole text is the message, severity `default`.
    case unparsed = "unparsed"

    /// Whether the entry was understood (everything but `unparsed`).
    public var isParsed: Bool { self != .unparsed }

    /// Whether the parser gives this shape whatever came before: JSON objects
    /// and plain-text entries are recognised before any continuation state is
    /// looked at (and reset it); the other shapes may depend on it.
    public var ignoresContinuation: Bool {
        switch self {
        case .appJSON, .unifiedJSON, .cloudLogging, .otherJSON, .plainText: true
        case .logfmt, .continuation, .unparsed: false
        }
    }
}
