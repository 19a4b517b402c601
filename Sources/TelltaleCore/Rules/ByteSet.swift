/// A set of byte values, as 256 bits: one class of a `BytePattern`.
struct ByteSet: Sendable, Equatable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    init() {}

    init(byte: UInt8) { insert(byte) }

    init(_ bytes: some Sequence<UInt8>) {
        for b in bytes { insert(b) }
    }

    @inline(__always)
    func contains(_ b: UInt8) -> Bool {
        let bit = UInt64(1) << UInt64(b & 63)
        switch b >> 6 {
        case 0: return words.0 & bit != 0
        case 1: return words.1 & bit != 0
        case 2: return words.2 & bit != 0
        default: return words.3 & bit != 0
        }
    }

    mutating func insert(_ b: UInt8) {
        let bit = UInt64(1) << UInt64(b & 63)
        switch b >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }

    mutating func formUnion(_ other: ByteSet) {
        words = (words.0 | other.words.0, words.1 | other.words.1, words.2 | other.words.2, words.3 | other.words.3)
    }

    /// Every byte not in the set.
    var inverted: ByteSet {
        var set = self
        set.words = (~words.0, ~words.1, ~words.2, ~words.3)
        return set
    }

    /// The set with both cases of every ASCII letter in it.
    var caseFolded: ByteSet {
        var set = self
        for b in UInt8(ascii: "A")...UInt8(ascii: "Z") where contains(b) || contains(b | 0x20) {
            set.insert(b)
            set.insert(b | 0x20)
        }
        return set
    }

    /// The one byte in the set, if it holds exactly one.
    var single: UInt8? {
        var found: UInt8?
        for b in 0...255 where contains(UInt8(b)) {
            guard found == nil else { return nil }
            found = UInt8(b)
        }
        return found
    }

    static func == (lhs: ByteSet, rhs: ByteSet) -> Bool {
        lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1 && lhs.words.2 == rhs.words.2 && lhs.words.3 == rhs.words.3
    }

    /// Printable ASCII: what `.` meets in text that `BytePattern` runs on.
    static let printable = ByteSet(0x20...0x7E)
    /// `\s` on ASCII: space, tab, LF, VT, FF, CR.
    static let space = ByteSet([0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D])
    static let digit = ByteSet(UInt8(ascii: "0")...UInt8(ascii: "9"))
    static let word = ByteSet(Array(UInt8(ascii: "a")...UInt8(ascii: "z")) + Array(UInt8(ascii: "A")...UInt8(ascii: "Z"))
                              + Array(UInt8(ascii: "0")...UInt8(ascii: "9")) + [UInt8(ascii: "_")])
}
