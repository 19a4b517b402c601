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
    /// One pass: the token is cut at each `_` into parts, each part's kind of
    /// bytes is noted as it goes, and the format is decided from the number
    /// of parts and the last two (this runs on every id-like token of every
    /// entry).
    static func classify(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> IDFormat? {
        var parts = 0
        var partLength = 0
        // What every byte of the current part was so far.
        var allLowercase = true, allPartBytes = true, allHex = true, allDigits = true
        var previousAllDigits = false
        var index = range.lowerBound
        while true {
            let atEnd = index == range.upperBound
            if atEnd || bytes[index] == underscore {
                guard partLength > 0 else { return nil }
                if parts == 0 ? !allLowercase : !allPartBytes { return nil }
                parts += 1
                if atEnd {
                    guard parts >= 2, allHex else { return nil }
                    if parts == 2 {
                        if partLength == 8 { return .legacy }
                        return (12...64).contains(partLength) ? .fallback : nil
                    }
                    return partLength == 8 && previousAllDigits ? .unified : nil
                }
                previousAllDigits = allDigits
                partLength = 0
                allLowercase = true; allPartBytes = true; allHex = true; allDigits = true
            } else {
                let byte = bytes[index]
                let digit = isDigit(byte)
                let lowercase = isLowercaseLetter(byte)
                partLength += 1
                allDigits = allDigits && digit
                allLowercase = allLowercase && lowercase
                allHex = allHex && (digit || byte &- 0x61 < 6)
                // After the first part: words, counters, a user prefix
                // (`demo-use` in `ws_conn_demo-use_...`).
                allPartBytes = allPartBytes && (digit || (byte | 0x20) &- 0x61 < 26 || byte == UInt8(ascii: "-"))
            }
            index += 1
        }
    }

    private static let underscore = UInt8(ascii: "_")

    private static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
    private static func isLowercaseLetter(_ byte: UInt8) -> Bool { byte &- 0x61 < 26 }
}
