import Yams

/// The config file's `alerts`: when the dashboard raises an alert.
///
/// Kept in the core as plain numbers so the config file is read in one place;
/// the dashboard turns them into its alert policy. `false` switches an alert off.
public struct AlertThresholds: Sendable, Equatable {
    /// Alert when a watched user has more duplication entries than this in the
    /// long window; nil is off.
    public var duplicationAbove: Int? = 0
    /// Alert when a health endpoint has been down for this many polls; nil is off.
    public var healthDownPolls: Int? = 3
    /// Alert on any database timeout since the deploy.
    public var databaseTimeoutSinceDeploy = true

    public init(duplicationAbove: Int? = 0, healthDownPolls: Int? = 3, databaseTimeoutSinceDeploy: Bool = true) {
        self.duplicationAbove = duplicationAbove
        self.healthDownPolls = healthDownPolls
        self.databaseTimeoutSinceDeploy = databaseTimeoutSinceDeploy
    }

    static let yamlKeys = ["duplication_above", "health_down_polls", "database_timeout_since_deploy"]

    init(yaml node: Node, reader: YAMLReader) throws(ConfigError) {
        let fields = try reader.fields(node, of: "alerts", allowed: Self.yamlKeys)
        self.init()
        if let value = fields["duplication_above"] {
            duplicationAbove = reader.flag(value) == false ? nil : try reader.integer(value, of: "alerts.duplication_above", atLeast: 0)
        }
        if let value = fields["health_down_polls"] {
            healthDownPolls = reader.flag(value) == false ? nil : try reader.integer(value, of: "alerts.health_down_polls", atLeast: 1)
        }
        if let value = fields["database_timeout_since_deploy"] {
            databaseTimeoutSinceDeploy = try reader.bool(value, of: "alerts.database_timeout_since_deploy")
        }
    }
}
