/// What a cell means, never which color it is: themes map roles to colors.
///
/// Panels only ever name roles, so a theme (or a monochrome terminal) can
/// change every color without touching a panel, and render tests can compare
/// meanings instead of escape codes.
public enum StyleRole: String, Sendable, CaseIterable, Hashable {
    case text
    case muted
    case ok
    case warn
    case crit
    case border
    case borderFocus
    case borderAlert
    case title
    case titleFocus
    case header
    case spark
    case statusBar
    case statusOK
    case statusWarn
    case statusCrit
    case keyBar
    case key
    case selection
    case match
    case help
    case severityDebug
    case severityInfo
    case severityWarning
    case severityError
    case severityCritical

    /// One letter per role for the role grid of render tests.
    public var letter: Character {
        switch self {
        case .text: "."
        case .muted: "m"
        case .ok: "o"
        case .warn: "w"
        case .crit: "c"
        case .border: "b"
        case .borderFocus: "B"
        case .borderAlert: "A"
        case .title: "t"
        case .titleFocus: "T"
        case .header: "h"
        case .spark: "s"
        case .statusBar: "S"
        case .statusOK: "O"
        case .statusWarn: "W"
        case .statusCrit: "C"
        case .keyBar: "k"
        case .key: "K"
        case .selection: "x"
        case .match: "M"
        case .help: "H"
        case .severityDebug: "1"
        case .severityInfo: "2"
        case .severityWarning: "3"
        case .severityError: "4"
        case .severityCritical: "5"
        }
    }
}
