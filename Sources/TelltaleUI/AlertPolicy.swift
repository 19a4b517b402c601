/// When the dashboard raises alerts.
///
/// The defaults are the failures this deploy watch exists for: any duplication
/// of a watched user's WebSocket manager in the long window, an endpoint down
/// for 3 polls, any database timeout since the deploy.
public struct AlertPolicy: Sendable, Equatable {
    /// Alert when a watched user has more than this many duplication entries in
    /// the long window; nil turns the alert off.
    public var duplicationAbove: Int? = 0
    /// Alert when an endpoint has been down for this many polls; nil turns it off.
    public var healthDownPolls: Int? = 3
    /// Alert on any database timeout since the last deploy.
    public var databaseTimeoutSinceDeploy = true

    public init(duplicationAbove: Int? = 0, healthDownPolls: Int? = 3, databaseTimeoutSinceDeploy: Bool = true) {
        self.duplicationAbove = duplicationAbove
        self.healthDownPolls = healthDownPolls
        self.databaseTimeoutSinceDeploy = databaseTimeoutSinceDeploy
    }
}
