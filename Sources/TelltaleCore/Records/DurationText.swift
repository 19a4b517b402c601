/// Reads and writes durations the way people type them: `15m`, `20s`, `1h30m`,
/// `500ms`, `2.5s`; a bare number is seconds.
public enum DurationText {
    /// Parses a duration; nil when the text is not one (or is negative).
    public static func parse(_ text: String) -> Double? {
        let s = text.trimmingWhitespace()
        guard !s.isEmpty else { return nil }
        if let bare = Double(s) { return bare >= 0 ? bare : nil }
        var total = 0.0
        var number = ""
        var unit = ""
        var sawAny = false
        func flush() -> Bool {
            guard let n = Double(number) else { return false }
            let factor: Double
            switch unit {
            case "ms": factor = 0.001
            case "s", "sec": factor = 1
            case "m", "min": factor = 60
            case "h": factor = 3600
            case "d": factor = 86400
            default: return false
            }
            total += n * factor
            number = ""
            unit = ""
            sawAny = true
            return true
        }
        for ch in s {
            if ch.isNumber || ch == "." {
                if !unit.isEmpty { guard flush() else { return nil } }
                number.append(ch)
            } else if ch.isLetter {
                guard !number.isEmpty else { return nil }
                unit.append(ch)
            } else {
                return nil
            }
        }
        guard !number.isEmpty, !unit.isEmpty, flush(), sawAny else { return nil }
        return total
    }

    /// Writes seconds compactly: `850ms`, `5 s` style is avoided in favour of
    /// `5s`, `6m12s`, `1h02m`, `3d4h`.
    public static func format(seconds: Double) -> String {
        if seconds.isNaN || seconds.isInfinite { return "?" }
        if seconds < 0 { return "-" + format(seconds: -seconds) }
        if seconds < 1 {
            let ms = Int((seconds * 1000).rounded())
            return ms == 1000 ? "1s" : "\(ms)ms"
        }
        if seconds < 10, seconds != seconds.rounded() {
            let tenths = (seconds * 10).rounded() / 10
            return tenths == tenths.rounded() ? "\(Int(tenths))s" : "\(tenths)s"
        }
        let total = Int(seconds.rounded())
        let d = total / 86400, h = (total % 86400) / 3600, m = (total % 3600) / 60, s = total % 60
        if d > 0 { return h > 0 ? "\(d)d\(h)h" : "\(d)d" }
        if h > 0 { return m > 0 ? "\(h)h" + (m < 10 ? "0" : "") + "\(m)m" : "\(h)h" }
        if m > 0 { return s > 0 ? "\(m)m" + (s < 10 ? "0" : "") + "\(s)s" : "\(m)m" }
        return "\(s)s"
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and newlines.
    func trimmingWhitespace() -> String {
        var sub = Substring(self)
        while let f = sub.first, f == " " || f == "\t" || f == "\n" || f == "\r" { sub.removeFirst() }
        while let l = sub.last, l == " " || l == "\t" || l == "\n" || l == "\r" { sub.removeLast() }
        return String(sub)
    }
}
