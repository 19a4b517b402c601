/// Turns untrusted bytes into text that is safe to put on a terminal or in a report.
///
/// Log lines come from programs we do not control: a message can carry an escape
/// sequence that retitles the terminal, clears the screen or hides what follows.
/// Every text field of a `LogRecord` goes through here, so the screen and the
/// reports never see a raw control character. Invalid UTF-8 becomes U+FFFD (one
/// per bad sequence, as `String(decoding:as:)` does), C0 controls become their
/// Unicode control pictures (ESC shows as `␛`), TAB becomes one space, DEL becomes
/// `␡` and C1 controls (U+0080...U+009F, which some terminals obey) become U+FFFD.
public enum DisplaySafeText {
    /// Makes safe text from raw (possibly invalid) UTF-8 bytes.
    public static func make(_ bytes: some Collection<UInt8>) -> String {
        if let text = bytes.withContiguousStorageIfAvailable({ make(buffer: $0) }) {
            return text
        }
        return Array(bytes).withUnsafeBufferPointer { make(buffer: $0) }
    }

    /// Makes safe text from already decoded scalars (a JSON string after its
    /// escapes were resolved).
    public static func make(scalars: some Sequence<Unicode.Scalar>) -> String {
        var out = String.UnicodeScalarView()
        for scalar in scalars { out.append(safe(scalar)) }
        return String(out)
    }

    /// The contiguous-bytes core the byte parsers call directly.
    static func make(buffer: UnsafeBufferPointer<UInt8>) -> String {
        if isPlainASCII(buffer) { return String(decoding: buffer, as: UTF8.self) }
        let decoded = String(decoding: buffer, as: UTF8.self)
        guard decoded.unicodeScalars.contains(where: needsReplacement) else { return decoded }
        return make(scalars: decoded.unicodeScalars)
    }

    /// The visible stand-in for one scalar (itself when it is harmless).
    static func safe(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x09: return " "
        case 0x00..<0x20: return Unicode.Scalar(0x2400 + scalar.value)!
        case 0x7F: return "\u{2421}"
        case 0x80...0x9F: return "\u{FFFD}"
        default: return scalar
        }
    }

    static func needsReplacement(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value <= 0x9F)
    }

    /// Whether every byte is ASCII (below 0x80), eight bytes at a time: where
    /// it holds, each byte is one `Character` and byte offsets are indices.
    static func isASCII(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buffer.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= buffer.count {
            if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            i += 8
        }
        while i < buffer.count {
            if base[i] >= 0x80 { return false }
            i += 1
        }
        return true
    }

    /// Whether every byte is printable ASCII (0x20...0x7E), checked sixteen
    /// bytes at a time because nearly every log message is, and this runs on
    /// every field.
    static func isPlainASCII(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buffer.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        let count = buffer.count
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var i = 0
        // Sixteen bytes at a time for a message's length. Adding one moves
        // 0x20...0x7E to 0x21...0x7F and, read as signed bytes, every other
        // byte below 0x21 (DEL wraps to -128, 0x80...0xFF to -127...0,
        // controls to 0x01...0x20): a block costs an add, a comparison and
        // an or (a comparison for the controls and one for DEL cost a
        // third more).
        typealias Bytes = SIMD16<Int8>
        var bad = SIMDMask<Bytes.MaskStorage>(repeating: false)
        @inline(__always) func check(_ at: Int) {
            bad .|= raw.loadUnaligned(fromByteOffset: at, as: Bytes.self) &+ Bytes(repeating: 1) .< Bytes(repeating: 0x21)
        }
        // Four blocks a round: the loop's own count and branch cost as much
        // as a block.
        while i &+ 64 <= count {
            check(i)
            check(i &+ 16)
            check(i &+ 32)
            check(i &+ 48)
            i &+= 64
        }
        while i &+ 16 <= count {
            check(i)
            i &+= 16
        }
        // The last bytes in one block that overlaps the one before: a word
        // and a byte loop for them cost as much as the blocks of a message.
        if i < count, count >= 16 {
            check(count &- 16)
            i = count
        }
        if unsafeBitCast(bad, to: UInt128.self) != 0 { return false }
        while i + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            // A set high bit: non-ASCII. Below 0x20: the classic "has less than" test.
            // Exactly 0x7F: adding one to the low seven bits carries into the high bit.
            let nonASCII = word & highs
            let below = (word &- ones &* 0x20) & ~word & highs
            let del = ((word & ~highs) &+ ones) & highs
            if nonASCII | below | del != 0 { return false }
            i += 8
        }
        while i < count {
            let b = base[i]
            if b < 0x20 || b >= 0x7F { return false }
            i += 1
        }
        return true
    }
}
