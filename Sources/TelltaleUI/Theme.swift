/// A named mapping from style roles to styles, with the default theme behind
/// every role a theme leaves out.
public struct Theme: Sendable, Equatable {
    public var name: String
    public var styles: [StyleRole: RoleStyle]
    /// Styles for roles this theme does not set (the default theme's).
    public var fallback: [StyleRole: RoleStyle]

    public init(name: String, styles: [StyleRole: RoleStyle], fallback: [StyleRole: RoleStyle] = [:]) {
        self.name = name
        self.styles = styles
        self.fallback = fallback
    }

    /// The role's style: the theme's own, else the default theme's, else plain.
    public func style(for role: StyleRole) -> RoleStyle {
        styles[role] ?? fallback[role] ?? RoleStyle()
    }

    /// The role's style on a terminal with `colors` colors (256, 16, 8), or
    /// attributes only when `monochrome` (NO_COLOR, --no-color, no color support).
    public func resolved(_ role: StyleRole, colors: Int, monochrome: Bool) -> ResolvedStyle {
        let s = style(for: role)
        if monochrome || colors < 8 {
            // Without color the meaning must still show: problems stand out.
            let emphasis: Bool = switch role {
            case .crit, .borderAlert, .statusCrit, .severityError, .severityCritical, .titleFocus, .borderFocus, .header: true
            default: false
            }
            let inverted: Bool = switch role {
            case .selection, .statusBar, .statusOK, .statusWarn, .statusCrit, .match: true
            default: false
            }
            return ResolvedStyle(fg: nil, bg: nil, bold: s.bold || emphasis, reverse: s.reverse || inverted, underline: s.underline)
        }
        let fg: Int?, bg: Int?
        if colors >= 256 {
            fg = s.fg?.index256
            bg = s.bg?.index256
        } else if colors >= 16 {
            fg = (s.fg16 ?? s.fg)?.index16
            bg = (s.bg16 ?? s.bg)?.index16
        } else {
            fg = (s.fg8 ?? s.fg16 ?? s.fg)?.index8
            bg = (s.bg8 ?? s.bg16 ?? s.bg)?.index8
        }
        return ResolvedStyle(fg: fg, bg: bg, bold: s.bold, reverse: s.reverse, underline: s.underline)
    }
}
