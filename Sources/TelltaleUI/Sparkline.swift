/// Draws a series of numbers as one line of block characters.
///
/// Scaled to the series' own maximum, so the shape shows even at low counts;
/// zero always draws the lowest level, so "nothing happened" is visible, and a
/// missing value (a poll with no answer) draws as a gap.
public enum Sparkline {
    /// The newest `width` values of `values` as glyphs. `floor` is the
    /// smallest top of the scale: latencies use 1 s so that a steady 60 ms
    /// reads as low, not as a full bar.
    public static func render(_ values: [Double?], width: Int, glyphs: Glyphs, floor: Double = 0) -> String {
        guard width > 0 else { return "" }
        let shown = values.suffix(width)
        let top = max(shown.compactMap { $0 }.max() ?? 0, floor)
        let levels = glyphs.sparkLevels
        var line = ""
        for value in shown {
            guard let value else { line += " "; continue }
            if top <= 0 || value <= 0 {
                line += levels[0]
            } else {
                let index = Int((value / top * Double(levels.count - 1)).rounded())
                line += levels[min(max(index, 0), levels.count - 1)]
            }
        }
        return line
    }

    public static func render(_ values: [Int], width: Int, glyphs: Glyphs) -> String {
        render(values.map { Double($0) }, width: width, glyphs: glyphs)
    }
}
