/// The characters the dashboard draws with: Unicode where the terminal speaks
/// UTF-8, plain ASCII where it does not (a `C` locale turns box drawing into
/// garbage).
public struct Glyphs: Sendable, Equatable {
    public var horizontal: String
    public var vertical: String
    public var topLeft: String
    public var topRight: String
    public var bottomLeft: String
    public var bottomRight: String
    /// Sparkline levels, lowest first.
    public var sparkLevels: [String]
    public var ok: String
    public var warn: String
    public var crit: String
    public var dot: String
    public var star: String
    public var ellipsis: String
    public var times: String

    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        sparkLevels: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
        ok: "✓", warn: "▲", crit: "✗", dot: "●", star: "★", ellipsis: "…", times: "×"
    )

    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        sparkLevels: ["_", ".", "-", "=", "#"],
        ok: "ok", warn: "!", crit: "x", dot: "*", star: "*", ellipsis: "~", times: "x"
    )
}
