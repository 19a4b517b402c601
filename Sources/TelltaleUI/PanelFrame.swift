/// Draws a panel's border with its title on the top edge (and an optional
/// right-hand note), in the focus or alert style when it applies.
enum PanelFrame {
    /// Draws the frame and returns the inside.
    @discardableResult
    static func draw(_ context: PanelContext, title: String, note: String = "", in rect: Rect, into buffer: inout CellBuffer) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let g = context.glyphs
        let role: StyleRole = context.alert != nil ? .borderAlert : context.focused ? .borderFocus : .border
        // Edges as filled one-cell-wide rectangles, corners on top: no string
        // of a panel's width built and walked twice a frame for each panel.
        buffer.fill(rect.inset(1))
        let horizontal = Cell(g.horizontal, role: role)
        let vertical = Cell(g.vertical, role: role)
        buffer.fill(Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: 1), with: horizontal)
        buffer.fill(Rect(x: rect.x + 1, y: rect.maxY - 1, width: rect.width - 2, height: 1), with: horizontal)
        buffer.fill(Rect(x: rect.x, y: rect.y + 1, width: 1, height: rect.height - 2), with: vertical)
        buffer.fill(Rect(x: rect.maxX - 1, y: rect.y + 1, width: 1, height: rect.height - 2), with: vertical)
        buffer.put(g.topLeft, x: rect.x, y: rect.y, role: role)
        buffer.put(g.topRight, x: rect.maxX - 1, y: rect.y, role: role)
        buffer.put(g.bottomLeft, x: rect.x, y: rect.maxY - 1, role: role)
        buffer.put(g.bottomRight, x: rect.maxX - 1, y: rect.maxY - 1, role: role)
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
