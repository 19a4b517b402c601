/// One line of a panel as runs of text with roles; panels build lists of these
/// and `draw` clips and scrolls them into the panel's inside.
struct StyledLine: Sendable {
    var segments: [(text: String, role: StyleRole)] = []

    init() {}

    init(_ text: String, _ role: StyleRole = .text) {
        segments = [(text, role)]
    }

    mutating func add(_ text: String, _ role: StyleRole = .text) {
        segments.append((text, role))
    }

    /// Draws `lines` from row `scroll` on, clipped to `rect`; `pinned` leading
    /// lines (a table header) stay put while the rest scrolls.
    /// The body rows `draw` shows for `count` body rows under `pinned` ones at
    /// `scroll`: so a panel can build only those (the same clamping as `draw`).
    static func visibleRows(count: Int, scroll: Int, height: Int, pinned: Int) -> Range<Int> {
        let start = min(max(0, scroll), max(0, count - 1))
        return start..<min(count, start + max(0, height - pinned))
    }

    static func draw(_ lines: [StyledLine], in rect: Rect, scroll: Int = 0, pinned: Int = 0, into buffer: inout CellBuffer) {
        guard !rect.isEmpty else { return }
        let head = Array(lines.prefix(pinned))
        let body = lines.dropFirst(pinned)
        let start = min(max(0, scroll), max(0, body.count - 1))
        let visible = head + body.dropFirst(start)
        for (row, line) in visible.prefix(rect.height).enumerated() {
            var x = rect.x
            for segment in line.segments {
                x = buffer.put(segment.text, x: x, y: rect.y + row, role: segment.role, limit: rect.maxX)
                if x >= rect.maxX { break }
            }
        }
    }
}
