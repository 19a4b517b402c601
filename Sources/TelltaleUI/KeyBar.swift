import TelltaleCore

/// The bottom line: the main keys, or the prompt that is waiting (a filter
/// being typed, a y/n question), or the latest message.
public enum KeyBar {
    static let keys: [(String, String)] = [
        ("?", "help"), ("Tab", "focus"), ("Enter", "zoom"), ("/", "filter"), ("p", "pause"),
        ("d", "mark deploy"), ("s", "save report"), ("t", "theme"), ("q", "quit"),
    ]

    public static func render(_ snapshot: DashboardSnapshot, model: DashboardModel, glyphs: Glyphs, in rect: Rect, into buffer: inout CellBuffer) {
        guard !rect.isEmpty else { return }
        buffer.fill(rect, with: Cell(" ", role: .keyBar))
        var line = StyledLine()
        if let draft = model.filterDraft {
            line.add(" filter (regex, Enter applies, Esc clears): ", .keyBar)
            line.add("/" + draft + "_", .key)
            if let error = model.filterError { line.add("  " + error, .crit) }
        } else if model.confirmation == .resetWindows {
            line.add(" reset every window and counter? ", .warn)
            line.add("y", .key)
            line.add("/", .keyBar)
            line.add("n", .key)
        }
        var right = ""
        if model.filterDraft == nil && model.confirmation == nil {
            if let message = model.message {
                // Messages quote outside text (a theme's name, a path, an error):
                // none of it may reach the terminal as a control sequence.
                right = DisplaySafeText.make(scalars: message.unicodeScalars)
            } else if !snapshot.watch.watchedUsers.isEmpty {
                right = "watching " + snapshot.watch.watchedUsers.joined(separator: ", ")
            }
        }
        let text = right.isEmpty ? "" : TextFit.fit(right, max(0, rect.width / 2), ellipsis: glyphs.ellipsis) + " "
        if model.filterDraft == nil && model.confirmation == nil {
            // Whole key hints only, and never under the right-hand text.
            var used = 0
            let room = rect.width - DisplayWidth.of(text) - 1
            for (key, what) in keys {
                let width = DisplayWidth.of(key) + DisplayWidth.of(what) + 3
                if used + width > room { break }
                line.add(" " + key, .key)
                line.add(" " + what + " ", .keyBar)
                used += width
            }
        }
        StyledLine.draw([line], in: rect, into: &buffer)
        if !text.isEmpty {
            let x = rect.maxX - DisplayWidth.of(text)
            buffer.fill(Rect(x: x - 1, y: rect.y, width: rect.maxX - x + 1, height: 1), with: Cell(" ", role: .keyBar))
            buffer.put(text, x: x, y: rect.y, role: model.message != nil ? .title : .keyBar)
        }
    }
}
