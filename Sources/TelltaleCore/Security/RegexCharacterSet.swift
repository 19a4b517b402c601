/// The characters one regex atom can match, coarse enough to build from the
/// pattern's text and exact enough to tell `\w` from `\.` or `,`.
///
/// `RegexBacktrackingCheck` only needs to know whether two atoms can match the
/// same character. ASCII is kept character by character; everything beyond it
/// is four coarse kinds (digits, other word characters, spaces, the rest),
/// because `\w`, `\d` and `\s` match Unicode in Swift's `Regex` and a pattern
/// that separates words by a space must still count as separated. Whatever the
/// parser does not understand becomes `any`, which overlaps everything: a
/// doubt refuses rather than accepts.
struct RegexCharacterSet: Equatable, Sendable {
    var low: UInt64 = 0
    var high: UInt64 = 0
    /// Non-ASCII kinds: `nonASCIIDigit`, `nonASCIILetter`, `nonASCIISpace`, `nonASCIIOther`.
    var other: UInt8 = 0

    static let nonASCIIDigit: UInt8 = 1
    static let nonASCIILetter: UInt8 = 2
    static let nonASCIISpace: UInt8 = 4
    static let nonASCIIOther: UInt8 = 8
    static let allNonASCII: UInt8 = 15

    static let empty = RegexCharacterSet()
    static let any = RegexCharacterSet(low: .max, high: .max, other: allNonASCII)

    static func byte(_ b: UInt8) -> RegexCharacterSet {
        var set = RegexCharacterSet()
        set.insert(b)
        return set
    }

    static func range(_ from: UInt8, _ to: UInt8) -> RegexCharacterSet {
        var set = RegexCharacterSet()
        guard from <= to else { return set }
        for b in from...to { set.insert(b) }
        return set
    }

    static let digit: RegexCharacterSet = {
        var set = range(UInt8(ascii: "0"), UInt8(ascii: "9"))
        set.other = nonASCIIDigit
        return set
    }()

    static let word: RegexCharacterSet = {
        var set = range(UInt8(ascii: "a"), UInt8(ascii: "z"))
            .union(range(UInt8(ascii: "A"), UInt8(ascii: "Z")))
            .union(range(UInt8(ascii: "0"), UInt8(ascii: "9")))
        set.insert(UInt8(ascii: "_"))
        set.other = nonASCIIDigit | nonASCIILetter
        return set
    }()

    static let space: RegexCharacterSet = {
        var set = range(0x09, 0x0D)
        set.insert(0x20)
        set.other = nonASCIISpace
        return set
    }()

    static let horizontalSpace: RegexCharacterSet = {
        var set = byte(0x09)
        set.insert(0x20)
        set.other = nonASCIISpace
        return set
    }()

    static let verticalSpace: RegexCharacterSet = {
        var set = range(0x0A, 0x0D)
        set.other = nonASCIISpace
        return set
    }()

    /// `.`: anything but a newline.
    static let dot: RegexCharacterSet = {
        var set = any
        set.remove(0x0A)
        return set
    }()

    /// One non-ASCII character whose kind is not worked out.
    static let someNonASCII = RegexCharacterSet(other: allNonASCII)

    var isEmpty: Bool { low == 0 && high == 0 && other == 0 }

    /// The one ASCII character in the set, if it holds exactly that.
    var single: UInt8? {
        guard other == 0, low.nonzeroBitCount + high.nonzeroBitCount == 1 else { return nil }
        return low != 0 ? UInt8(low.trailingZeroBitCount) : UInt8(64 + high.trailingZeroBitCount)
    }

    mutating func insert(_ b: UInt8) {
        if b < 64 { low |= 1 << UInt64(b) } else if b < 128 { high |= 1 << UInt64(b - 64) } else { other = Self.allNonASCII }
    }

    mutating func remove(_ b: UInt8) {
        if b < 64 { low &= ~(1 << UInt64(b)) } else if b < 128 { high &= ~(1 << UInt64(b - 64)) }
    }

    func contains(_ b: UInt8) -> Bool {
        b < 64 ? low & (1 << UInt64(b)) != 0 : b < 128 ? high & (1 << UInt64(b - 64)) != 0 : other != 0
    }

    func union(_ o: RegexCharacterSet) -> RegexCharacterSet {
        RegexCharacterSet(low: low | o.low, high: high | o.high, other: other | o.other)
    }

    func overlaps(_ o: RegexCharacterSet) -> Bool {
        low & o.low != 0 || high & o.high != 0 || other & o.other != 0
    }

    /// The complement, for a negated class or `\W`, `\D`, `\S`.
    var inverted: RegexCharacterSet {
        RegexCharacterSet(low: ~low, high: ~high, other: Self.allNonASCII & ~other)
    }

    /// Adds the other case of every ASCII letter, for `(?i)`.
    var caseFolded: RegexCharacterSet {
        var set = self
        for b in UInt8(ascii: "A")...UInt8(ascii: "Z") where contains(b) || contains(b | 0x20) {
            set.insert(b)
            set.insert(b | 0x20)
        }
        return set
    }
}
