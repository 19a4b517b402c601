/// Reads a pattern's text into a `RegexShape`.
///
/// Follows the syntax Swift's `Regex` accepts closely enough for the shapes
/// that matter (groups of every kind, classes, escapes, quantifiers with their
/// lazy and possessive forms). What it cannot place exactly it reads as "any
/// character" or "variable", the direction in which the check refuses more,
/// never less. A pattern that does not compile is not its business: `Regex`
/// reports that after the check.
struct RegexShapeParser {
    private let p: [UInt8]
    private var i = 0
    /// `(?i)` anywhere makes every letter stand for both cases; applied to the
    /// whole pattern, which can only add overlaps.
    private let caseInsensitive: Bool

    init(_ source: String) {
        p = Array(source.utf8)
        caseInsensitive = Self.hasCaseInsensitiveOption(p)
    }

    /// The pattern's top-level alternatives.
    mutating func parse() -> [[RegexShape.Item]] {
        var alternatives = alternativesUpToClose()
        while i < p.count, p[i] == UInt8(ascii: ")") {
            // An unbalanced `)`: `Regex` refuses it; read on so the rest is checked too.
            i += 1
            alternatives += alternativesUpToClose()
        }
        return alternatives
    }

    /// Sequences separated by `|`, up to a `)` or the end (not consumed).
    private mutating func alternativesUpToClose() -> [[RegexShape.Item]] {
        var alternatives = [sequence()]
        while i < p.count, p[i] == UInt8(ascii: "|") {
            i += 1
            alternatives.append(sequence())
        }
        return alternatives
    }

    // MARK: - Sequences and items

    /// Items up to `|`, `)` or the end.
    private mutating func sequence() -> [RegexShape.Item] {
        var items: [RegexShape.Item] = []
        while i < p.count, p[i] != UInt8(ascii: "|"), p[i] != UInt8(ascii: ")") {
            let start = i
            guard let shape = atom() else { continue }
            var item = RegexShape.Item(shape: shape, minimum: 1, maximum: 1, possessive: false, text: start..<i)
            quantify(&item)
            items.append(item)
        }
        return items
    }

    /// Reads a quantifier (and its lazy or possessive mark) after an atom, if any.
    private mutating func quantify(_ item: inout RegexShape.Item) {
        guard i < p.count, let (minimum, maximum, length) = quantifier(at: i) else { return }
        i += length
        item.minimum = minimum
        item.maximum = maximum
        if i < p.count, p[i] == UInt8(ascii: "+") {
            item.possessive = true
            i += 1
        } else if i < p.count, p[i] == UInt8(ascii: "?") {
            i += 1
        }
    }

    /// `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`, `{,m}` at `k`: (min, max, length).
    private func quantifier(at k: Int) -> (Int, Int?, Int)? {
        switch p[k] {
        case UInt8(ascii: "*"): return (0, nil, 1)
        case UInt8(ascii: "+"): return (1, nil, 1)
        case UInt8(ascii: "?"): return (0, 1, 1)
        case UInt8(ascii: "{"): break
        default: return nil
        }
        var j = k + 1
        let (low, lowDigits) = number(from: &j)
        if j < p.count, p[j] == UInt8(ascii: "}") { return lowDigits > 0 ? (low, low, j + 1 - k) : nil }
        guard j < p.count, p[j] == UInt8(ascii: ",") else { return nil }
        j += 1
        let (high, highDigits) = number(from: &j)
        guard j < p.count, p[j] == UInt8(ascii: "}"), lowDigits + highDigits > 0 else { return nil }
        return (low, highDigits == 0 ? nil : high, j + 1 - k)
    }

    private func number(from j: inout Int) -> (Int, Int) {
        var value = 0, digits = 0
        while j < p.count, p[j] >= 0x30, p[j] <= 0x39 {
            value = min(value * 10 + Int(p[j] - 0x30), 1 << 20)
            j += 1
            digits += 1
        }
        return (value, digits)
    }

    /// The atom at `i`, or nil for text that is no atom (an inline option, a
    /// comment, a stray quantifier).
    private mutating func atom() -> RegexShape? {
        let b = p[i]
        switch b {
        case UInt8(ascii: "("):
            return group()
        case UInt8(ascii: "["):
            return .character(characterClass())
        case UInt8(ascii: "\\"):
            return escape()
        case UInt8(ascii: "."):
            i += 1
            return .character(.dot)
        case UInt8(ascii: "^"), UInt8(ascii: "$"):
            i += 1
            return .zeroWidth
        case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"):
            // A quantifier with nothing to repeat: `Regex` refuses it.
            i += 1
            return nil
        default:
            return .character(literal())
        }
    }

    /// One literal character (a whole UTF-8 sequence when it is not ASCII).
    private mutating func literal() -> RegexCharacterSet {
        let b = p[i]
        i += 1
        guard b >= 0x80 else { return fold(.byte(b)) }
        while i < p.count, p[i] & 0xC0 == 0x80 { i += 1 }
        return .someNonASCII
    }

    private func fold(_ set: RegexCharacterSet) -> RegexCharacterSet {
        caseInsensitive ? set.caseFolded : set
    }

    // MARK: - Groups

    private mutating func group() -> RegexShape? {
        i += 1
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            tooDeep = true
            i = p.count
            return .zeroWidth
        }
        var atomic = false
        var zeroWidth = false
        if i < p.count, p[i] == UInt8(ascii: "*") {
            // `(*VERB)` and `(*atomic:…)`-style spellings: read the body as a plain group.
            while i < p.count, p[i] != UInt8(ascii: ":"), p[i] != UInt8(ascii: ")") { i += 1 }
            if i < p.count, p[i] == UInt8(ascii: ")") { i += 1; return .zeroWidth }
            i += 1
        } else if i < p.count, p[i] == UInt8(ascii: "?") {
            i += 1
            guard i < p.count else { return .zeroWidth }
            switch p[i] {
            case UInt8(ascii: ">"):
                atomic = true
                i += 1
            case UInt8(ascii: ":"), UInt8(ascii: "|"):
                i += 1
            case UInt8(ascii: "="), UInt8(ascii: "!"):
                zeroWidth = true
                i += 1
            case UInt8(ascii: "#"):
                while i < p.count, p[i] != UInt8(ascii: ")") { i += 1 }
                i = min(i + 1, p.count)
                return nil
            case UInt8(ascii: "<") where i + 1 < p.count && (p[i + 1] == UInt8(ascii: "=") || p[i + 1] == UInt8(ascii: "!")):
                zeroWidth = true
                i += 2
            case UInt8(ascii: "<"), UInt8(ascii: "'"), UInt8(ascii: "P"):
                if p[i] == UInt8(ascii: "P") { i += 1 }
                let close = i < p.count && p[i] == UInt8(ascii: "'") ? UInt8(ascii: "'") : UInt8(ascii: ">")
                while i < p.count, p[i] != close, p[i] != UInt8(ascii: ")") { i += 1 }
                if i < p.count, p[i] == close { i += 1 }
            default:
                // Inline options: `(?i)` changes flags and is no group; `(?i:` opens one.
                while i < p.count, p[i] != UInt8(ascii: ")"), p[i] != UInt8(ascii: ":") { i += 1 }
                if i < p.count, p[i] == UInt8(ascii: ")") {
                    i += 1
                    return nil
                }
                i = min(i + 1, p.count)
            }
        }
        let alternatives = alternativesUpToClose()
        if i < p.count { i += 1 }  // the `)`
        if zeroWidth {
            // What a lookaround holds is still checked on its own.
            lookarounds.append(alternatives)
            return .zeroWidth
        }
        return .group(alternatives: alternatives, atomic: atomic)
    }

    /// Groups inside groups deeper than this are not read (the reading
    /// recurses, and the thread that loads rules has a small stack); the
    /// pattern is refused instead. No real pattern comes near it.
    static let maximumDepth = 64
    private var depth = 0
    /// Whether the pattern nests groups deeper than `maximumDepth`.
    private(set) var tooDeep = false

    /// The bodies of lookarounds, which match nothing themselves but run the
    /// engine all the same.
    private(set) var lookarounds: [[[RegexShape.Item]]] = []

    // MARK: - Escapes and classes

    private mutating func escape() -> RegexShape? {
        i += 1
        guard i < p.count else { return .character(.byte(UInt8(ascii: "\\"))) }
        let kind = p[i]
        i += 1
        switch kind {
        case UInt8(ascii: "b"), UInt8(ascii: "B"), UInt8(ascii: "A"), UInt8(ascii: "z"), UInt8(ascii: "Z"),
             UInt8(ascii: "G"), UInt8(ascii: "K"), UInt8(ascii: "y"), UInt8(ascii: "Y"):
            return .zeroWidth
        case UInt8(ascii: "1")...UInt8(ascii: "9"):
            while i < p.count, p[i] >= 0x30, p[i] <= 0x39 { i += 1 }
            return .backreference
        case UInt8(ascii: "k"), UInt8(ascii: "g"):
            skipBraced()
            return .backreference
        case UInt8(ascii: "Q"):
            // Literal text to `\E`: read as a group of its characters.
            var items: [RegexShape.Item] = []
            while i < p.count, !(p[i] == UInt8(ascii: "\\") && i + 1 < p.count && p[i + 1] == UInt8(ascii: "E")) {
                let start = i
                items.append(.init(shape: .character(literal()), minimum: 1, maximum: 1, possessive: false, text: start..<i))
            }
            i = min(i + 2, p.count)
            return .group(alternatives: [items], atomic: false)
        case UInt8(ascii: "E"):
            return nil
        case UInt8(ascii: "R"):
            // A newline sequence: one or two characters.
            return .group(alternatives: [[.init(shape: .character(.verticalSpace), minimum: 1, maximum: 2, possessive: false, text: (i - 2)..<i)]], atomic: false)
        case UInt8(ascii: "X"):
            return .group(alternatives: [[.init(shape: .character(.any), minimum: 1, maximum: nil, possessive: false, text: (i - 2)..<i)]], atomic: true)
        default:
            return .character(classEscape(kind))
        }
    }

    /// The characters of an escape that stands for one character (inside or
    /// outside a class); `kind` is the byte after the backslash, already read.
    private mutating func classEscape(_ kind: UInt8) -> RegexCharacterSet {
        switch kind {
        case UInt8(ascii: "w"): return .word
        case UInt8(ascii: "W"): return RegexCharacterSet.word.inverted
        case UInt8(ascii: "d"): return .digit
        case UInt8(ascii: "D"): return RegexCharacterSet.digit.inverted
        case UInt8(ascii: "s"): return .space
        case UInt8(ascii: "S"): return RegexCharacterSet.space.inverted
        case UInt8(ascii: "h"): return .horizontalSpace
        case UInt8(ascii: "H"): return RegexCharacterSet.horizontalSpace.inverted
        case UInt8(ascii: "v"): return .verticalSpace
        case UInt8(ascii: "V"): return RegexCharacterSet.verticalSpace.inverted
        case UInt8(ascii: "N"):
            if i < p.count, p[i] == UInt8(ascii: "{") { skipBraced(); return .any }
            return .dot
        case UInt8(ascii: "n"): return .byte(0x0A)
        case UInt8(ascii: "t"): return .byte(0x09)
        case UInt8(ascii: "r"): return .byte(0x0D)
        case UInt8(ascii: "f"): return .byte(0x0C)
        case UInt8(ascii: "e"): return .byte(0x1B)
        case UInt8(ascii: "a"): return .byte(0x07)
        case UInt8(ascii: "0"):
            while i < p.count, p[i] >= 0x30, p[i] <= 0x37 { i += 1 }
            return .any
        case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"), UInt8(ascii: "o"):
            return hexCharacter()
        case UInt8(ascii: "p"), UInt8(ascii: "P"):
            skipBraced()
            return .any
        case UInt8(ascii: "c"):
            if i < p.count { i += 1 }
            return .range(0, 0x1F)
        default:
            if kind >= 0x80 {
                while i < p.count, p[i] & 0xC0 == 0x80 { i += 1 }
                return .someNonASCII
            }
            if (kind | 0x20) >= UInt8(ascii: "a") && (kind | 0x20) <= UInt8(ascii: "z") {
                // An escape this parser does not know: assume the worst.
                return .any
            }
            return fold(.byte(kind))
        }
    }

    /// `\xHH`, `\x{H…}`, `\uHHHH`, `\u{H…}`: the character, or any when it is
    /// not ASCII or cannot be read.
    private mutating func hexCharacter() -> RegexCharacterSet {
        var digits: [UInt8] = []
        if i < p.count, p[i] == UInt8(ascii: "{") {
            i += 1
            while i < p.count, p[i] != UInt8(ascii: "}") { digits.append(p[i]); i += 1 }
            i = min(i + 1, p.count)
        } else {
            while i < p.count, digits.count < 8, isHexDigit(p[i]) { digits.append(p[i]); i += 1 }
        }
        guard let value = UInt32(String(decoding: digits, as: UTF8.self), radix: 16) else { return .any }
        return value < 0x80 ? fold(.byte(UInt8(value))) : .someNonASCII
    }

    private func isHexDigit(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "f"))
    }

    private mutating func skipBraced() {
        guard i < p.count else { return }
        let close: UInt8
        switch p[i] {
        case UInt8(ascii: "{"): close = UInt8(ascii: "}")
        case UInt8(ascii: "<"): close = UInt8(ascii: ">")
        case UInt8(ascii: "'"): close = UInt8(ascii: "'")
        default:
            while i < p.count, p[i] >= 0x30, p[i] <= 0x39 { i += 1 }
            return
        }
        i += 1
        while i < p.count, p[i] != close { i += 1 }
        i = min(i + 1, p.count)
    }

    /// `[…]` at `i`: the characters it admits.
    private mutating func characterClass() -> RegexCharacterSet {
        i += 1
        var negated = false
        if i < p.count, p[i] == UInt8(ascii: "^") {
            negated = true
            i += 1
        }
        var set = RegexCharacterSet.empty
        var first = true
        while i < p.count, p[i] != UInt8(ascii: "]") || first {
            first = false
            let b = p[i]
            if b == UInt8(ascii: "[") || (b == UInt8(ascii: "&") || b == UInt8(ascii: "-") || b == UInt8(ascii: "~"))
                && i + 1 < p.count && p[i + 1] == b {
                // A nested class, a POSIX class or a set operation: skip it and assume the worst.
                skipNestedClass()
                return .any
            }
            let low: UInt8?
            if b == UInt8(ascii: "\\") {
                i += 1
                guard i < p.count else { break }
                let kind = p[i]
                i += 1
                let escaped = classEscape(kind)
                if kind == UInt8(ascii: "b") { set = set.union(.byte(0x08)); continue }
                low = single(escaped)
                if low == nil { set = set.union(escaped); continue }
            } else if b >= 0x80 {
                _ = literal()
                set = set.union(.someNonASCII)
                low = nil
                if i + 1 < p.count, p[i] == UInt8(ascii: "-"), p[i + 1] != UInt8(ascii: "]") {
                    i += 1
                    skipClassCharacter()
                }
                continue
            } else {
                low = b
                i += 1
            }
            guard let low else { continue }
            if i + 1 < p.count, p[i] == UInt8(ascii: "-"), p[i + 1] != UInt8(ascii: "]") {
                i += 1
                let high = rangeEnd()
                if let high, high >= low {
                    set = set.union(fold(.range(low, high)))
                } else {
                    set = set.union(fold(.range(low, 0x7F))).union(.someNonASCII)
                }
            } else {
                set = set.union(fold(.byte(low)))
            }
        }
        i = min(i + 1, p.count)
        if negated {
            set = set.inverted
            // What a negated class admits beyond ASCII is not worked out.
            set.other = RegexCharacterSet.allNonASCII
        }
        return set
    }

    /// The single ASCII byte a set holds, if it holds exactly one and no more.
    private func single(_ set: RegexCharacterSet) -> UInt8? {
        guard set.other == 0 else { return nil }
        var found: UInt8?
        for b in UInt8(0)..<128 where set.contains(b) {
            if found != nil { return nil }
            found = b
        }
        return found
    }

    /// The end of a range `a-z` inside a class; nil when it is not ASCII.
    private mutating func rangeEnd() -> UInt8? {
        guard i < p.count else { return nil }
        let b = p[i]
        if b == UInt8(ascii: "\\"), i + 1 < p.count {
            i += 2
            return single(classEscape(p[i - 1]))
        }
        if b >= 0x80 {
            _ = literal()
            return nil
        }
        i += 1
        return b
    }

    private mutating func skipClassCharacter() {
        if i < p.count, p[i] == UInt8(ascii: "\\") { i += 2 } else if i < p.count { _ = literal() }
        i = min(i, p.count)
    }

    /// Skips to the `]` that closes the class being read, nested ones included.
    private mutating func skipNestedClass() {
        var depth = 1
        while i < p.count, depth > 0 {
            switch p[i] {
            case UInt8(ascii: "\\"): i += 2
            case UInt8(ascii: "["): depth += 1; i += 1
            case UInt8(ascii: "]"): depth -= 1; i += 1
            default: i += 1
            }
        }
        i = min(i, p.count)
    }

    private static func hasCaseInsensitiveOption(_ p: [UInt8]) -> Bool {
        var k = 0
        while k + 2 < p.count {
            if p[k] == UInt8(ascii: "\\") { k += 2; continue }
            if p[k] == UInt8(ascii: "("), p[k + 1] == UInt8(ascii: "?") {
                var j = k + 2
                while j < p.count, p[j] != UInt8(ascii: ")"), p[j] != UInt8(ascii: ":"), p[j] != UInt8(ascii: "-") {
                    if p[j] == UInt8(ascii: "i") { return true }
                    if !((p[j] | 0x20) >= UInt8(ascii: "a") && (p[j] | 0x20) <= UInt8(ascii: "z")) { break }
                    j += 1
                }
            }
            k += 1
        }
        return false
    }
}
