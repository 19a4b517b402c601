/// Text fitting for fixed-width cells: truncation with an ellipsis, padding,
/// thousands separators.
enum TextFit {
    /// `text` cut to `width` columns, ending in `ellipsis` when cut.
    static func fit(_ text: some StringProtocol, _ width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return String(text) }
        // ASCII: one column a byte, so the cut is a byte count.
        if ASCIIText.isASCII(text) {
            let budget = max(0, width - DisplayWidth.of(ellipsis))
            return String(decoding: text.utf8.prefix(budget), as: UTF8.self) + ellipsis
        }
        var out = ""
        var used = 0
        let budget = width - DisplayWidth.of(ellipsis)
        for c in text {
            let w = DisplayWidth.of(c)
            if used + w > budget { break }
            out.append(c)
            used += w
        }
        return out + ellipsis
    }

    /// `text` padded with spaces (or cut) to exactly `width` columns, left-aligned.
    static func left(_ text: some StringProtocol, _ width: Int, ellipsis: String = "…") -> String {
        let cut = fit(text, width, ellipsis: ellipsis)
        return cut + String(repeating: " ", count: max(0, width - DisplayWidth.of(cut)))
    }

    /// `text` right-aligned in `width` columns.
    static func right(_ text: some StringProtocol, _ width: Int) -> String {
        let cut = fit(text, width)
        return String(repeating: " ", count: max(0, width - DisplayWidth.of(cut))) + cut
    }

    /// `1204` as `1,204`.
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// Splits `text` into lines of at most `width` columns (hard wrap).
    static func wrap(_ text: String, _ width: Int, maxLines: Int) -> [String] {
        guard width > 0, maxLines > 0 else { return [] }
        // Printable ASCII: every line is `width` bytes, cut without walking characters.
        if ASCIIText.isPrintableASCII(text) { return wrapASCII(text, width, maxLines: maxLines) }
        return wrapCharacters(text, width, maxLines: maxLines)
    }

    /// `wrap` of printable ASCII text (one column a byte).
    static func wrapASCII(_ text: String, _ width: Int, maxLines: Int) -> [String] {
        guard width > 0, maxLines > 0 else { return [] }
        var lines: [String] = []
        var start = text.utf8.startIndex
        var left = text.utf8.count
        while left > 0, lines.count < maxLines {
            let end = text.utf8.index(start, offsetBy: min(width, left))
            lines.append(String(text[start..<end]))
            left -= min(width, left)
            start = end
        }
        if left > 0 { lines[maxLines - 1] = fit(lines[maxLines - 1] + "…", width) }
        return lines
    }

    /// `wrap` of any text, character by character.
    static func wrapCharacters(_ text: String, _ width: Int, maxLines: Int) -> [String] {
        guard width > 0, maxLines > 0 else { return [] }
        var lines: [String] = []
        var current = ""
        var used = 0
        for c in text {
            let w = DisplayWidth.of(c)
            if used + w > width {
                lines.append(current)
                current = ""
                used = 0
                if lines.count == maxLines { break }
            }
            current.append(c)
            used += w
        }
        if lines.count < maxLines, !current.isEmpty { lines.append(current) }
        if lines.count == maxLines, DisplayWidth.of(lines.joined()) < DisplayWidth.of(text) {
            lines[maxLines - 1] = fit(lines[maxLines - 1] + "…", width)
        }
        return lines
    }
}
