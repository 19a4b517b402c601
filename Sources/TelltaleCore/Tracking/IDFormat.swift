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
        var parts = 0
        var partStart = range.lowerBound
        var previousPart = range.lowerBound..<range.lowerBound
        var index = range.lowerBound
        while index <= range.upperBound {
            if index == range.upperBound || bytes[index] == underscore {
                let part = partStart..<index
                if part.isEmpty { return nil }
                if parts == 0 {
                    if !all(bytes, part, isLowercaseLetter) { return nil }
                } else if !all(bytes, part, isPartByte) {
                    return nil
                }
                parts += 1
                if index == range.upperBound {
                    return format(bytes, parts: parts, last: part, beforeLast: previousPart)
                }
                previousPart = part
                partStart = index + 1
            }
            index += 1
        }
        return nil
    }

    private static func format(
        _ bytes: UnsafeBufferPointer<UInt8>, parts: Int, last: Range<Int>, beforeLast: Range<Int>
    ) -> IDFormat? {
        guard parts >= 2, all(bytes, last, isLowercaseHex) else { return nil }
        if parts == 2 {
            if last.count == 8 { return .legacy }
            if (12...64).contains(last.count) { return .fallback }
            return nil
        }
        if last.count == 8, all(bytes, beforeLast, isDigit) { return .unified }
        return nil
    }

    private static let underscore = UInt8(ascii: "_")

    private static func all(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ test: (UInt8) -> Bool
    ) -> Bool {
        for index in range where !test(bytes[index]) { return false }
        return true
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
    private static func isLowercaseLetter(_ byte: UInt8) -> Bool { byte &- 0x61 < 26 }
    private static func isLowercaseHex(_ byte: UInt8) -> Bool { isDigit(byte) || byte &- 0x61 < 6 }
    /// Bytes of the parts after the first: words, counters, a user prefix
    /// (`demo-use` in `ws_conn_demo-use_...`).
    private static func isPartByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20) &- 0x61 < 26 || byte == UInt8(ascii: "-")
    }
}
