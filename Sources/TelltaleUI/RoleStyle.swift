/// How a theme draws one role: colors for 256-color terminals, optional
/// fallbacks for 16 and 8 colors, and attributes that survive monochrome.
public struct RoleStyle: Sendable, Equatable {
    public var fg: ThemeColor?
    public var bg: ThemeColor?
    public var bold = false
    public var reverse = false
    public var underline = false
    public var fg16: ThemeColor?
    public var bg16: ThemeColor?
    public var fg8: ThemeColor?
    public var bg8: ThemeColor?

    public init(fg: ThemeColor? = nil, bg: ThemeColor? = nil, bold: Bool = false, reverse: Bool = false) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.reverse = reverse
    }
}

/// A role's style reduced to what one terminal can show: palette indices (nil
/// = the terminal's default) and attributes.
public struct ResolvedStyle: Sendable, Equatable, Hashable {
    public var fg: Int?
    public var bg: Int?
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(fg: Int?, bg: Int?, bold: Bool, reverse: Bool, underline: Bool = false) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
    }
}
