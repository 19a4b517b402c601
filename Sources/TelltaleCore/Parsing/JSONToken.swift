/// One JSON value located in a byte buffer, not yet decoded.
///
/// The hot path only decodes the few fields a record needs; everything else is
/// validated and skipped, so a token is just a kind and a byte range.
struct JSONToken {
    enum Kind: UInt8 { case string, number, object, array, `true`, `false`, null }

    var kind: Kind
    /// For strings: the first byte after the opening quote. Otherwise the first byte.
    var start: Int
    /// For strings: the closing quote. Otherwise one past the last byte.
    var end: Int
    /// Whether a string holds backslash escapes that need decoding.
    var hasEscapes: Bool = false
}
