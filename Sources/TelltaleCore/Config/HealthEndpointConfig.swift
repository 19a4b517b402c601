import Yams

/// One health endpoint to poll, as the config file describes it.
///
/// Parsed and validated here; polling and condition evaluation live elsewhere.
/// Header values and conditions are kept verbatim: `${VAR}` expansion happens
/// when the poller is built, so the config stays free of secrets and I/O.
public struct HealthEndpointConfig: Sendable, Equatable {
    /// The label shown in the dashboard and reports (defaults to the URL).
    public var name: String
    public var url: String
    /// `GET` or `HEAD`.
    public var method: String
    /// Request headers in file order.
    public var headers: [(name: String, value: String)]
    /// Seconds between polls.
    public var interval: Double
    /// Seconds before a poll counts as hung.
    public var timeout: Double
    /// Conditions that must all hold for a healthy result (`status == 200`).
    public var conditions: [String]
    /// Conditions that make an otherwise healthy result degraded (`latency > 2s`).
    public var degradedWhen: [String]

    /// The methods a health check may use: neither changes the backend.
    public static let methods = ["GET", "HEAD"]

    public init(
        name: String, url: String, method: String = "GET", headers: [(name: String, value: String)] = [],
        interval: Double = 2, timeout: Double = 5, conditions: [String] = [], degradedWhen: [String] = []
    ) {
        self.name = name
        self.url = url
        self.method = method
        self.headers = headers
        self.interval = interval
        self.timeout = timeout
        self.conditions = conditions
        self.degradedWhen = degradedWhen
    }

    public static func == (lhs: HealthEndpointConfig, rhs: HealthEndpointConfig) -> Bool {
        lhs.name == rhs.name && lhs.url == rhs.url && lhs.method == rhs.method
            && lhs.headers.elementsEqual(rhs.headers, by: { $0.name == $1.name && $0.value == $1.value })
            && lhs.interval == rhs.interval && lhs.timeout == rhs.timeout
            && lhs.conditions == rhs.conditions && lhs.degradedWhen == rhs.degradedWhen
    }

    static let yamlKeys = [
        "name", "url", "method", "headers", "interval", "timeout", "conditions", "degraded_when",
    ]

    /// Reads one endpoint from its YAML mapping.
    init(yaml node: Node, reader: YAMLReader) throws(ConfigError) {
        let fields = try reader.fields(node, of: "a health endpoint", allowed: HealthEndpointConfig.yamlKeys)
        guard let urlNode = fields["url"] else {
            throw reader.error(node, "health endpoint has no url")
        }
        let url = try reader.string(urlNode, of: "url")
        // `${VAR}` may stand for the whole base URL; it is expanded later.
        guard url.hasPrefix("http://") || url.hasPrefix("https://") || url.hasPrefix("${") else {
            throw reader.error(urlNode, "url must start with http:// or https://; found '\(url)'")
        }
        let name = try fields["name"].map { n throws(ConfigError) in try reader.string(n, of: "name of health endpoint") } ?? url
        let what = "health endpoint '\(name)'"
        var method = "GET"
        if let methodNode = fields["method"] {
            method = try reader.string(methodNode, of: "method of \(what)").uppercased()
            guard HealthEndpointConfig.methods.contains(method) else {
                throw reader.error(methodNode, "method of \(what) must be GET or HEAD; found '\(method)'")
            }
        }
        var headers: [(name: String, value: String)] = []
        if let headersNode = fields["headers"], !reader.isNull(headersNode) {
            guard case .mapping(let mapping) = headersNode else {
                throw reader.error(headersNode, "headers of \(what) must be a mapping of name: value; found \(reader.kind(headersNode))")
            }
            for (key, value) in mapping {
                let headerName = try reader.string(key, of: "a header name of \(what)")
                headers.append((headerName, try reader.string(value, of: "header '\(headerName)' of \(what)")))
            }
        }
        let interval = try fields["interval"].map { n throws(ConfigError) in try reader.duration(n, of: "interval of \(what)") } ?? 2
        let timeout = try fields["timeout"].map { n throws(ConfigError) in try reader.duration(n, of: "timeout of \(what)") } ?? 5
        let conditions = try fields["conditions"].map { n throws(ConfigError) in try reader.strings(n, of: "conditions of \(what)") } ?? []
        let degradedWhen = try fields["degraded_when"].map { n throws(ConfigError) in try reader.strings(n, of: "degraded_when of \(what)") } ?? []
        self.init(
            name: name, url: url, method: method, headers: headers, interval: interval, timeout: timeout,
            conditions: conditions, degradedWhen: degradedWhen)
    }
}
