/// One entry of the event timeline: deploys, health state changes, database
/// state changes, source failures.
public struct WatchEvent: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case deploy, health, database, source, alert
    }

    public var at: Double
    public var kind: Kind
    public var text: String

    public init(at: Double, kind: Kind, text: String) {
        self.at = at
        self.kind = kind
        self.text = text
    }
}
