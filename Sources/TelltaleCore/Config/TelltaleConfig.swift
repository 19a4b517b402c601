import Yams

/// The user's config file: extra rules, watched users, windows, check criteria,
/// health endpoints and extra secret patterns.
///
/// Everything is optional; an empty file is an empty config. Every key is
/// checked, so a misspelt setting is an error rather than a default quietly
/// taking its place.
public struct TelltaleConfig: Sendable, Equatable {
    /// Rules that replace default rules of the same name or add to them.
    public var rules: [Rule]
    /// Names of default rules to switch off.
    public var disabledRules: [String]
    /// Users whose duplication the check judges.
    public var watchUsers: [String]
    /// The counter windows, when the file sets them.
    public var windows: CounterWindows?
    /// The check criteria, when the file sets them (replacing the defaults).
    public var criteria: [CheckCriterion]?
    public var health: [HealthEndpointConfig]
    /// The dashboard's alert thresholds, when the file sets them.
    public var alerts: AlertThresholds?
    /// Extra secret patterns (`redact:`), applied after the built-in ones.
    public var redactPatterns: [RedactionPattern]

    public init(
        rules: [Rule] = [], disabledRules: [String] = [], watchUsers: [String] = [],
        windows: CounterWindows? = nil, criteria: [CheckCriterion]? = nil,
        health: [HealthEndpointConfig] = [], alerts: AlertThresholds? = nil,
        redactPatterns: [RedactionPattern] = []
    ) {
        self.rules = rules
        self.disabledRules = disabledRules
        self.watchUsers = watchUsers
        self.windows = windows
        self.criteria = criteria
        self.health = health
        self.alerts = alerts
        self.redactPatterns = redactPatterns
    }

    static let yamlKeys = ["rules", "disable_rules", "watch_users", "windows", "check", "health", "alerts", "redact"]

    /// Reads a config file.
    ///
    /// - Parameters:
    ///   - yaml: the file's text.
    ///   - file: the name used in error messages.
    /// - Throws: `ConfigError` naming the file and line of the first problem:
    ///   unknown keys (with the allowed ones), wrong types, bad durations,
    ///   severities, signals or criteria, duplicate rule or endpoint names.
    public static func load(yaml: String, file: String) throws(ConfigError) -> TelltaleConfig {
        let reader = YAMLReader(file: file)
        guard let root = try reader.document(yaml), !reader.isNull(root) else { return TelltaleConfig() }
        let fields = try reader.fields(root, of: "the config file", allowed: yamlKeys)
        var config = TelltaleConfig()
        if let node = fields["rules"] {
            config.rules = try Rule.list(yaml: node, reader: reader)
        }
        if let node = fields["disable_rules"] {
            config.disabledRules = try reader.strings(node, of: "disable_rules")
        }
        if let node = fields["watch_users"] {
            config.watchUsers = try reader.strings(node, of: "watch_users")
        }
        if let node = fields["windows"] {
            config.windows = try windows(node, reader: reader)
        }
        if let node = fields["check"] {
            config.criteria = try criteria(node, reader: reader)
        }
        if let node = fields["health"] {
            config.health = try endpoints(node, reader: reader)
        }
        if let node = fields["alerts"] {
            config.alerts = try AlertThresholds(yaml: node, reader: reader)
        }
        if let node = fields["redact"] {
            for item in try reader.items(node, of: "redact") {
                let source = try reader.string(item, of: "a redact pattern")
                config.redactPatterns.append(try RedactionPattern(source, file: reader.file, line: reader.line(item)))
            }
        }
        return config
    }

    private static func windows(_ node: Node, reader: YAMLReader) throws(ConfigError) -> CounterWindows {
        let fields = try reader.fields(node, of: "windows", allowed: ["short", "long"])
        let defaults = CounterWindows()
        let short = try fields["short"].map { n throws(ConfigError) in try reader.duration(n, of: "windows.short") } ?? defaults.short
        let long = try fields["long"].map { n throws(ConfigError) in try reader.duration(n, of: "windows.long") } ?? max(defaults.long, short)
        guard long >= short else {
            throw reader.error(
                fields["long"] ?? node,
                "windows.long (\(DurationText.format(seconds: long))) is shorter than windows.short (\(DurationText.format(seconds: short)))")
        }
        return CounterWindows(short: short, long: long)
    }

    private static func criteria(_ node: Node, reader: YAMLReader) throws(ConfigError) -> [CheckCriterion]? {
        let fields = try reader.fields(node, of: "check", allowed: ["criteria"])
        guard let list = fields["criteria"] else { return nil }
        var criteria: [CheckCriterion] = []
        for item in try reader.items(list, of: "check.criteria") {
            let criterion = try CheckCriterion(yaml: item, reader: reader)
            if criteria.contains(where: { $0.name == criterion.name }) {
                throw reader.error(item, "criterion '\(criterion.name)' is listed twice")
            }
            criteria.append(criterion)
        }
        return criteria
    }

    private static func endpoints(_ node: Node, reader: YAMLReader) throws(ConfigError) -> [HealthEndpointConfig] {
        var endpoints: [HealthEndpointConfig] = []
        for item in try reader.items(node, of: "health") {
            let endpoint = try HealthEndpointConfig(yaml: item, reader: reader)
            if endpoints.contains(where: { $0.name == endpoint.name }) {
                throw reader.error(item, "duplicate health endpoint name '\(endpoint.name)'")
            }
            endpoints.append(endpoint)
        }
        return endpoints
    }
}
