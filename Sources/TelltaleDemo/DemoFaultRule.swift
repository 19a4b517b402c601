/// A fault switched on for one endpoint, or for every endpoint it concerns.
///
/// Without an endpoint, stream faults (`drop`, `flood`) hit `/logs` and `/logs/sse`, and the
/// others hit the health endpoints; the control endpoints are never faulted.
public struct DemoFaultRule: Sendable, Hashable, Codable {
    public var mode: DemoFault
    /// The exact request path, such as `/health/ready`; nil for every path the mode concerns.
    public var endpoint: String?

    public init(mode: DemoFault, endpoint: String? = nil) {
        self.mode = mode
        self.endpoint = endpoint
    }

    /// Whether this rule covers a request path.
    public func applies(to path: String) -> Bool {
        if path.hasPrefix("/control") { return false }
        if let endpoint { return endpoint == path }
        return mode.concernsLogStreams ? path.hasPrefix("/logs") : path.hasPrefix("/health")
    }
}
