/// A condition someone watching a deploy must not miss, shown on the panel it
/// concerns and in the status light.
public struct DashboardAlert: Sendable, Equatable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case duplication
        case healthDown
        case databaseTimeout
    }

    public var kind: Kind
    /// What it is about (a user, an endpoint), so two alerts of one kind differ.
    public var subject: String
    public var panel: PanelID
    public var text: String

    public init(kind: Kind, subject: String, panel: PanelID, text: String) {
        self.kind = kind
        self.subject = subject
        self.panel = panel
        self.text = text
    }
}
