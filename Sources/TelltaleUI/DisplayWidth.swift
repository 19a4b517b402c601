/// How many terminal columns a grapheme takes: 2 for East Asian wide and most
/// emoji, 1 otherwise.
///
/// A close approximation of `wcwidth` without libc, so that the pure layout
/// code and the curses backend agree on where every column starts.
enum DisplayWidth {
    static func of(_ character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        let v = scalar.value
        if v < 0x1100 { return 1 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v)
            || (0x1F900...0x1F9FF).contains(v) || (0x20000...0x3FFFD).contains(v) {
            return 2
        }
        return 1
    }

    static func of(_ text: some StringProtocol) -> Int {
        // ASCII (almost every line of a log) is one column a byte; walking
        // characters costs grapheme breaking, which a full frame pays thousands of times.
        if ASCIIText.isASCII(text) { return text.utf8.count }
        return text.reduce(0) { $0 + of($1) }
    }
}
