/// The dashboard's panels, in focus (Tab) order.
public enum PanelID: String, Sendable, CaseIterable, Hashable {
    case health
    case database
    case duplication
    case idManager
    case websocket
    case events
    case log

    public var title: String {
        switch self {
        case .health: "Health"
        case .database: "Database"
        case .duplication: "Duplication per user"
        case .idManager: "ID manager"
        case .websocket: "WebSocket manager warnings"
        case .events: "Events"
        case .log: "Log"
        }
    }
}
