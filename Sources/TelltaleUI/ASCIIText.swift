/// Byte-level questions about text that the layout code asks of nearly every
/// string in a frame, answered on the string's own UTF-8 in one pass.
///
/// `utf8.allSatisfy` walks a string through its generic iterator, a call per
/// byte; a frame asks this a few thousand times, once a second even when idle.
enum ASCIIText {
    /// Whether every byte is below 0x80 (one column a byte, no grapheme breaking).
    static func isASCII(_ text: some StringProtocol) -> Bool {
        text.utf8.withContiguousStorageIfAvailable(isASCII) ?? text.utf8.allSatisfy { $0 < 0x80 }
    }

    /// Whether every byte is below 0x80: one pass, no branch a byte.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var seen: UInt8 = 0
        for byte in bytes { seen |= byte }
        return seen < 0x80
    }

    /// Whether every byte is printable ASCII (0x20-0x7E): one character a
    /// byte, so a cut at any byte is a cut between characters ("\r\n" is one
    /// character of two bytes).
    static func isPrintableASCII(_ text: some StringProtocol) -> Bool {
        if let answer = text.utf8.withContiguousStorageIfAvailable({ bytes in
            for byte in bytes where byte &- 0x20 >= 0x5F { return false }
            return true
        }) {
            return answer
        }
        return text.utf8.allSatisfy { $0 &- 0x20 < 0x5F }
    }
}
