/// One JSON value located in a byte buffer, not yet decoded.
///
/// The hot path only decodes the few fields a record needs; everything else is
/// validated and skipped, so a token is just a kind and a byte range. Offsets
/// are stored in 32 bits to keep the token (and the field table made of them,
/// copied once per entry) small; `JSONByteScanner.maxBufferBytes` keeps every
/// offset in range.
struct JSONToken {
    enum Kind: UInt8 { case string, number, object, array, `true`, `false`, null }

    var kind: Kind
    /// Whether a string holds backslash escapes that need decoding.
    var hasEscapes: Bool
    private var storedStart: UInt32
    private var storedEnd: UInt32

    init(kind: Kind, start: Int, end: Int, hasEscapes: Bool = false) {
        self.kind = kind
        self.hasEscapes = hasEscapes
        storedStart = UInt32(truncatingIfNeeded: start)
        storedEnd = UInt32(truncatingIfNeeded: end)
    }

    /// For strings: the first byte after the opening quote. Otherwise the first byte.
    var start: Int { Int(storedStart) }
    /// For strings: the closing quote. Otherwise one past the last byte.
    var end: Int { Int(storedEnd) }
}
