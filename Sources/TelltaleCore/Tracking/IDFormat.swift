/// Which generation of the backend's id scheme an id token belongs to.
///
/// The backend is migrating from legacy ids (`<word>_<8 hex>`, 32 random bits:
/// two users collide once tens of thousands exist) to unified ids that carry a
/// counter. Counting ids by format shows how far the migration got in what is
/// actually running.
public enum IDFormat: String, Sendable, CaseIterable, Hashable {
    /// `[prefix_]type_counter_hex8`: lowercase words joined by `_`, then
    /// `_<digits>_<8 hex>` (`test_user_1_3f9a2b7c`, `session_23071_097ce80c`).
    case unified
    /// One word, `_`, exactly 8 hex digits, no counter (`main_5b14bc0d`).
    case legacy
    /// One word, `_`, 12 to 64 hex digits: a stable-hash id (`user_3f9a2b7c1d2e4f5a`).
    case fallback

    /// The format of `token`, or nil when it is not an id of any known format.
    public static func classify(_ token: some StringProtocol) -> IDFormat? {
        if let format = token.utf8.withContiguousStorageIfAvailable({ classify($0, 0..<$0.count) }) {
            return format
        }
        let bytes = Array(token.utf8)
        return bytes.withUnsafeBufferPointer { classify($0, 0..<$0.count) }
    }

    /// Classifies `bytes[range]` without copying it.
    static func classify(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> IDFormat? {
        ByteClass.table.withUnsafeBufferPointer { classify(bytes, range, classes: $0) }
    }

    /// `classify`, with `ByteClass.table` at hand.
    ///
    /// The last part decides first, read backwards: every format ends in
    /// `_` and 8 or 12 to 64 lowercase hex digits, and most tokens with a
    /// `_` are snake_case words that fail there within a few bytes. The parts
    /// before it are then read in one pass, the classes of each part's bytes
    /// and-ed together as it goes (this runs on every id-like token of every
    /// entry): what is left says what every byte of the part was.
    @inline(__always)
    static func classify(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
                         classes: UnsafeBufferPointer<UInt8>) -> IDFormat? {
        let lastStart = hexRunStart(bytes, before: range.upperBound, from: range.lowerBound, classes: classes)
        let lastLength = range.upperBound - lastStart
        guard lastStart > range.lowerBound, bytes[lastStart - 1] == underscore,
              lastLength == 8 || (12...64).contains(lastLength) else { return nil }
        let prefixEnd = lastStart - 1
        var parts = 1
        // The classes every byte of the current part has; all bits, `empty`
        // among them, while it has no byte.
        var part = UInt8.max
        var index = range.lowerBound
        while true {
            let atEnd = index == prefixEnd
            if atEnd || bytes[index] == underscore {
                // The first part is a lowercase word; after it come words,
                // counters, a user prefix (`demo-use` in `ws_conn_demo-use_...`).
                guard part & ByteClass.empty == 0,
                      part & (parts == 1 ? ByteClass.lowercase : ByteClass.partByte) != 0 else { return nil }
                parts += 1
                if atEnd { break }
                part = .max
            } else {
                part &= classes[Int(bytes[index])]
            }
            index += 1
        }
        if parts == 2 { return lastLength == 8 ? .legacy : .fallback }
        return lastLength == 8 && part & ByteClass.digit != 0 ? .unified : nil
    }

    private static let underscore = UInt8(ascii: "_")

    /// Where the run of lowercase hex digits that ends at `end` starts, no
    /// earlier than `start`. Sixteen bytes at a time where a block fits
    /// before `end`: a byte loop cost a load, a table load and a branch per
    /// digit of every id's tail, and a mispredicted exit.
    @inline(__always)
    private static func hexRunStart(_ bytes: UnsafeBufferPointer<UInt8>, before end: Int, from start: Int,
                                    classes: UnsafeBufferPointer<UInt8>) -> Int {
        var at = end
        while at >= 16, at > start, let base = bytes.baseAddress {
            // Lane k is the byte at at - 16 + k: the last lane that is no
            // hex digit is the byte before the run.
            let outside = nonHexLanes(UnsafeRawPointer(base).loadUnaligned(fromByteOffset: at - 16, as: SIMD16<UInt8>.self))
            if outside[1] != 0 { return max(start, at - 8 + (63 - outside[1].leadingZeroBitCount) / 8 + 1) }
            if outside[0] != 0 { return max(start, at - 16 + (63 - outside[0].leadingZeroBitCount) / 8 + 1) }
            at -= 16
        }
        at = max(at, start)
        while at > start, classes[Int(bytes[at - 1])] & ByteClass.lowercaseHex != 0 { at -= 1 }
        return at
    }

    /// The lanes of `block` that hold no lowercase hex digit, a byte of
    /// ones each, as two words (lane 0 is the low byte of the first).
    @inline(__always)
    private static func nonHexLanes(_ block: SIMD16<UInt8>) -> SIMD2<UInt64> {
        typealias Bytes = SIMD16<UInt8>
        let digit = (block &- Bytes(repeating: 0x30)) .< Bytes(repeating: 10)
        let hexLetter = (block &- Bytes(repeating: 0x61)) .< Bytes(repeating: 6)
        return unsafeBitCast(.!(digit .| hexLetter), to: SIMD2<UInt64>.self)
    }

    /// What a byte can be in an id token, one bit per property, for every
    /// byte value: one load tells what five comparisons did.
    enum ByteClass {
        static let lowercaseHex: UInt8 = 1
        static let digit: UInt8 = 2
        static let lowercase: UInt8 = 4
        /// A byte of a part after the first: a digit, a letter or `-`.
        static let partByte: UInt8 = 8
        /// A byte of a token: a letter, a digit, `_` or `-`.
        static let token: UInt8 = 16
        /// No byte has it: an and over a part's bytes keeps it only while
        /// the part has none.
        static let empty: UInt8 = 0x80

        static let table: [UInt8] = (0...255).map { (value: Int) -> UInt8 in
            let byte = UInt8(value)
            let isDigit = byte &- 0x30 < 10
            let isLowercase = byte &- 0x61 < 26
            let isLetter = (byte | 0x20) &- 0x61 < 26
            var classes: UInt8 = 0
            if isDigit || byte &- 0x61 < 6 { classes |= lowercaseHex }
            if isDigit { classes |= digit }
            if isLowercase { classes |= lowercase }
            if isDigit || isLetter || byte == UInt8(ascii: "-") { classes |= partByte }
            if isDigit || isLetter || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") { classes |= token }
            return classes
        }
    }
}
