/// One health URL to poll and how.
///
/// The interval is fixed (not adaptive) so latency samples are evenly spaced; the timeout is a
/// hard deadline for the whole exchange, and the body cap keeps a misbehaving endpoint from
/// filling memory.
public struct HealthEndpoint: Sendable, Equatable {
    /// The label shown and recorded with each result (e.g. `/health`).
    public var name: String
    public var url: String
    /// `GET` or `HEAD`.
    public var method: String
    public var headers: [HeaderSpec]
    /// Seconds from the start of one poll to the start of the next.
    public var interval: Double
    /// Seconds allowed for connect, head and body together.
    public var timeout: Double
    /// Bodies longer than this are reported as `.bodyTooLarge`.
    public var maxBodyBytes: Int

    public init(
        name: String, url: String, method: String = "GET", headers: [HeaderSpec] = [],
        interval: Double = 2, timeout: Double = 5, maxBodyBytes: Int = 65536
    ) {
        self.name = name
        self.url = url
        self.method = method
        self.headers = headers
        self.interval = interval
        self.timeout = timeout
        self.maxBodyBytes = maxBodyBytes
    }
}
