/// A substring looked for in log text, compared byte by byte on UTF-8.
///
/// Classification runs on every entry, so the needle is stored as bytes (already
/// folded to lower case when the rule is case-insensitive) and the haystack is
/// folded on the fly while comparing: no String is built or lower-cased per entry.
/// Folding is ASCII only, which is what the backend's English messages need and
/// keeps multi-byte characters compared exactly.
struct TextNeedle: Sendable, Equatable {
    let bytes: [UInt8]
    let foldsCase: Bool

    init(_ text: String, foldsCase: Bool) {
        self.foldsCase = foldsCase
        self.bytes = foldsCase ? text.utf8.map(TextNeedle.foldASCII) : Array(text.utf8)
    }

    /// Whether the needle occurs anywhere in `text`.
    func occurs(in text: String) -> Bool {
        var text = text
        return text.withUTF8 { occurs(inBytes: $0) }
    }

    /// Whether the needle occurs in a UTF-8 buffer.
    func occurs(inBytes haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        guard count > 0 else { return true }
        guard haystack.count >= count else { return false }
        return bytes.withUnsafeBufferPointer { needle in
            let first = needle[0]
            let lastStart = haystack.count - count
            var start = 0
            if foldsCase {
                while start <= lastStart {
                    if TextNeedle.foldASCII(haystack[start]) == first {
                        var offset = 1
                        while offset < count, TextNeedle.foldASCII(haystack[start + offset]) == needle[offset] {
                            offset += 1
                        }
                        if offset == count { return true }
                    }
                    start += 1
                }
            } else {
                while start <= lastStart {
                    if haystack[start] == first {
                        var offset = 1
                        while offset < count, haystack[start + offset] == needle[offset] { offset += 1 }
                        if offset == count { return true }
                    }
                    start += 1
                }
            }
            return false
        }
    }

    @inline(__always)
    static func foldASCII(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }
}
