/// The outcome of one health request, as the poller reports it to the core.
///
/// The core never does I/O: the poller (or a test, or a replay) builds these.
public struct HealthResult: Sendable, Equatable {
    /// Endpoint name (e.g. `/health`) or URL.
    public var endpoint: String
    /// When the request started, in seconds since 1970.
    public var time: Double
    /// HTTP status, when an answer arrived.
    public var status: Int?
    /// Seconds from start to the end of the body (or to the failure).
    public var latency: Double
    /// The body, capped, decoded as UTF-8 with repairs. The core parses it as
    /// JSON when it is JSON (the poller does not need to know JSON).
    public var body: String
    /// Why no usable answer arrived, when none did.
    public var error: HealthError?

    public init(
        endpoint: String, time: Double, status: Int? = nil, latency: Double = 0,
        body: String = "", error: HealthError? = nil
    ) {
        self.endpoint = endpoint
        self.time = time
        self.status = status
        self.latency = latency
        self.body = body
        self.error = error
    }
}

/// Why a health request produced no usable answer.
public enum HealthError: Sendable, Equatable {
    /// No complete answer within the deadline (seconds).
    case timeout(Double)
    case connectionRefused
    case dnsFailure(String)
    case tls(String)
    case connectionReset
    /// The body went past the cap (bytes).
    case bodyTooLarge(Int)
    case redirectLoop
    case other(String)

    /// A short human reason: "timeout after 5 s", "connection refused".
    public var reason: String {
        switch self {
        case .timeout(let s): "timeout after \(DurationText.format(seconds: s))"
        case .connectionRefused: "connection refused"
        case .dnsFailure(let host): "DNS lookup failed for \(host)"
        case .tls(let why): "TLS error: \(why)"
        case .connectionReset: "connection reset"
        case .bodyTooLarge(let cap): "body larger than \(cap) bytes"
        case .redirectLoop: "redirect loop"
        case .other(let why): why
        }
    }
}
