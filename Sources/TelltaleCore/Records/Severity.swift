/// A log entry's severity on Cloud Logging's scale.
///
/// Every source is normalised onto this one scale so that a rule's minimum
/// severity means the same thing for JSON, Cloud Logging entries and plain text.
/// `default` is Cloud Logging's "no assigned severity": unparsed lines get it.
public enum Severity: Int, Comparable, Sendable, CaseIterable, Hashable {
    case `default` = 0
    case debug = 100
    case info = 200
    case notice = 300
    case warning = 400
    case error = 500
    case critical = 600
    case alert = 700
    case emergency = 800

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The canonical upper-case name, as Cloud Logging spells it.
    public var name: String {
        switch self {
        case .default: "DEFAULT"
        case .debug: "DEBUG"
        case .info: "INFO"
        case .notice: "NOTICE"
        case .warning: "WARNING"
        case .error: "ERROR"
        case .critical: "CRITICAL"
        case .alert: "ALERT"
        case .emergency: "EMERGENCY"
        }
    }

    /// Parses any spelling the backend's formats use: Cloud Logging names, Python
    /// level names, `WARN`, `FATAL`, `ERR`, `TRACE`, lower or mixed case.
    ///
    /// Returns nil for anything else, so a caller can tell "no severity" from
    /// "a word that is not a severity".
    public init?<S: StringProtocol>(parsing text: S) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(9)
        for b in text.utf8 {
            guard bytes.count < 10 else { return nil }
            bytes.append(b >= 0x61 && b <= 0x7A ? b - 0x20 : b)
        }
        self.init(upperCasedASCII: bytes)
    }

    /// Parses an upper-cased ASCII spelling; the byte-level parsers call this
    /// directly to avoid building a String.
    public init?(upperCasedASCII b: [UInt8]) {
        switch String(decoding: b, as: UTF8.self) {
        case "DEFAULT": self = .default
        case "TRACE", "DEBUG", "FINE", "VERBOSE": self = .debug
        case "INFO", "INFORMATION": self = .info
        case "NOTICE": self = .notice
        case "WARNING", "WARN": self = .warning
        case "ERROR", "ERR": self = .error
        case "CRITICAL", "CRIT", "FATAL": self = .critical
        case "ALERT": self = .alert
        case "EMERGENCY", "EMERG", "PANIC": self = .emergency
        default: return nil
        }
    }
}
