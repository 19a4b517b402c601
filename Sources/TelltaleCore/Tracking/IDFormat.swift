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
    ///
    /// The last part decides first, read backwards: every format ends in
    /// `_` and 8 or 12 to 64 lowercase hex digits, and most tokens with a
    /// `_` are snake_case words that fail there within a few bytes. The parts
    /// before it are then read in one pass, each part's kind of bytes noted as
    /// it goes (this runs on every id-like token of every entry).
    static func classify(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> IDFormat? {
        var lastStart = range.upperBound
        while lastStart > range.lowerBound, isLowercaseHex(bytes[lastStart - 1]) { lastStart -= 1 }
        let lastLength = range.upperBound - lastStart
        guard lastStart > range.lowerBound, bytes[lastStart - 1] == underscore,
              lastLength == 8 || (12...64).contains(lastLength) else { return nil }
        let prefixEnd = lastStart - 1
        var parts = 1
        var partLength = 0
        // What every byte of the current part was so far.
        var allLowercase = true, allPartBytes = true, allDigits = true
        var index = range.lowerBound
        while true {
            let atEnd = index == prefixEnd
            if atEnd || bytes[index] == underscore {
                guard partLength > 0 else { return nil }
                if parts == 1 ? !allLowercase : !allPartBytes { return nil }
                parts += 1
                if atEnd { break }
                partLength = 0
                allLowercase = true; allPartBytes = true; allDigits = true
            } else {
                let byte = bytes[index]
                let digit = isDigit(byte)
                partLength += 1
                allDigits = allDigits && digit
                allLowercase = allLowercase && isLowercaseLetter(byte)
                // After the first part: words, counters, a user prefix
                // (`demo-use` in `ws_conn_demo-use_...`).
                allPartBytes = allPartBytes && (digit || (byte | 0x20) &- 0x61 < 26 || byte == UInt8(ascii: "-"))
            }
            index += 1
        }
        if parts == 2 { return lastLength == 8 ? .legacy : .fallback }
        return lastLength == 8 && allDigits ? .unified : nil
    }

    private static let underscore = UInt8(ascii: "_")

    private static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
    private static func isLowercaseLetter(_ byte: UInt8) -> Bool { byte &- 0x61 < 26 }
    private static func isLowercaseHex(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 || byte &- 0x61 < 6 }
}
