/// Draws a panel's border with its title on the top edge (and an optional
/// right-hand note), in the focus or alert style when it applies.
enum PanelFrame {
    /// Draws the frame and returns the inside.
    @discardableResult
    static func draw(_ context: PanelContext, title: String, note: String = "", in rect: Rect, into buffer: inout CellBuffer) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let g = context.glyphs
        let role: StyleRole = context.alert != nil ? .borderAlert : context.focused ? .borderFocus : .border
        buffer.fill(rect)
        let horizontal = String(repeating: g.horizontal, count: rect.width - 2)
        buffer.put(g.topLeft + horizontal + g.topRight, x: rect.x, y: rect.y, role: role)
        buffer.put(g.bottomLeft + horizontal + g.bottomRight, x: rect.x, y: rect.maxY - 1, role: role)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            buffer.put(g.vertical, x: rect.x, y: y, role: role)
            buffer.put(g.vertical, x: rect.maxX - 1, y: y, role: role)
        }
        let room = rect.width - 4
        if room > 0 {
            var heading = title
            if context.alert != nil { heading = "\(g.crit) " + heading }
            if context.model.zoomed && context.focused { heading += " (zoomed, Esc back)" }
            let titleText = context.fit(" \(heading) ", room)
            let titleRole: StyleRole = context.alert != nil ? .crit : context.focused ? .titleFocus : .title
            let after = buffer.put(titleText, x: rect.x + 1, y: rect.y, role: titleRole)
            if !note.isEmpty {
                let space = rect.maxX - 2 - after - 1
                if space > 4 {
                    let noteText = context.fit(" \(note) ", space)
                    buffer.put(noteText, x: rect.maxX - 2 - DisplayWidth.of(noteText), y: rect.y, role: .muted)
                }
            }
        }
        return rect.inset(1).withLeftPadding()
    }
}

extension Rect {
    /// One column of breathing room on the left, as the mockup has.
    func withLeftPadding() -> Rect {
        Rect(x: x + 1, y: y, width: width - 1, height: height)
    }
}
