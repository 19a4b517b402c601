/// The `?` overlay: every key and what it does, drawn over the dashboard.
public enum HelpOverlay {
    /// Every key the dashboard understands, as shown.
    public static let entries: [(keys: String, action: String)] = [
        ("q  Ctrl-C", "quit (the terminal is restored)"),
        ("?", "show or hide this help"),
        ("Tab  Shift-Tab", "focus the next / previous panel"),
        ("Enter  Esc", "zoom the focused panel / back"),
        ("Up Down  j k", "scroll the focused panel"),
        ("PgUp PgDn", "scroll a page"),
        ("g  G", "top / bottom (G follows the log again)"),
        ("/", "filter the log tail (regex); Esc clears"),
        ("n  N", "next / previous filter match"),
        ("p", "pause the display (inputs keep counting)"),
        ("d", "mark a deploy now"),
        ("r", "reset windows and counters (asks y/n)"),
        ("s", "save the validation report (mode 0600)"),
        ("t", "cycle color themes"),
    ]

    public static func render(glyphs: Glyphs, in area: Rect, into buffer: inout CellBuffer) {
        let keyWidth = entries.map { DisplayWidth.of($0.keys) }.max()!
        let textWidth = entries.map { DisplayWidth.of($0.action) }.max()!
        let rect = area.centered(width: keyWidth + textWidth + 7, height: entries.count + 4)
        guard rect.width >= 10, rect.height >= 4 else { return }
        buffer.fill(rect, with: Cell(" ", role: .help))
        let g = glyphs
        let horizontal = String(repeating: g.horizontal, count: rect.width - 2)
        buffer.put(g.topLeft + horizontal + g.topRight, x: rect.x, y: rect.y, role: .borderFocus)
        buffer.put(g.bottomLeft + horizontal + g.bottomRight, x: rect.x, y: rect.maxY - 1, role: .borderFocus)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            buffer.put(g.vertical, x: rect.x, y: y, role: .borderFocus)
            buffer.put(g.vertical, x: rect.maxX - 1, y: y, role: .borderFocus)
        }
        buffer.put(" Keys (? or Esc closes) ", x: rect.x + 2, y: rect.y, role: .titleFocus, limit: rect.maxX - 1)
        for (i, entry) in entries.enumerated() where rect.y + 2 + i < rect.maxY - 1 {
            let y = rect.y + 2 + i
            buffer.put(TextFit.left(entry.keys, keyWidth), x: rect.x + 2, y: y, role: .key, limit: rect.maxX - 1)
            buffer.put(entry.action, x: rect.x + 4 + keyWidth, y: y, role: .help, limit: rect.maxX - 1)
        }
    }
}
