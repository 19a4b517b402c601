/// Remembers what the few severity words of a stream mean.
///
/// `Severity(parsing:)` is the one authority on spellings, but it builds an
/// array and a string per call; a stream uses a handful of spellings, so the
/// answers for words of up to eight bytes are kept, keyed by their packed bytes.
struct SeverityWordCache: Sendable {
    private var keys: [UInt64] = []
    private var lengths: [UInt8] = []
    private var values: [Severity?] = []
    /// Enough for every spelling in every case a real stream uses; garbage words
    /// beyond it are simply not cached.
    private static let capacity = 32

    /// The severity a word names, or nil when it names none.
    mutating func severity(_ word: UnsafeBufferPointer<UInt8>) -> Severity? {
        guard word.count > 0, word.count <= 8 else { return Self.lookUp(word) }
        var key: UInt64 = 0
        for b in word.reversed() { key = key << 8 | UInt64(b) }
        let length = UInt8(word.count)
        for i in keys.indices where keys[i] == key && lengths[i] == length { return values[i] }
        let value = Self.lookUp(word)
        if keys.count < Self.capacity {
            keys.append(key)
            lengths.append(length)
            values.append(value)
        }
        return value
    }

    private static func lookUp(_ word: UnsafeBufferPointer<UInt8>) -> Severity? {
        guard word.count <= 16 else { return nil }
        return Severity(parsing: String(decoding: word, as: UTF8.self))
    }

    /// Numeric levels: Cloud Logging's own numbers (100 DEBUG ... 800 EMERGENCY)
    /// and the pino/bunyan scale (10 trace ... 60 fatal).
    static func severity(number: Double) -> Severity? {
        guard number.isFinite, number == number.rounded(), number >= 0, number <= 800 else { return nil }
        let value = Int(number)
        if value % 100 == 0 { return Severity(rawValue: value) }
        switch value {
        case 10, 20: return .debug
        case 30: return .info
        case 40: return .warning
        case 50: return .error
        case 60: return .critical
        default: return nil
        }
    }
}
