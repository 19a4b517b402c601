/// Which rules' `contains` needles may occur in a text, from one pass over
/// its byte pairs.
///
/// A WARNING entry meets every rule, and each rule searched its needles one
/// by one: about fifty `memchr` scans of every warning's message, nearly
/// all for database wordings that a WebSocket warning never holds. Instead,
/// every needle is represented by two adjacent bytes of it (its anchor and
/// a neighbour, as in `NeedlePrefilter`), hashed into a small table whose
/// entries are masks of rules; one pass over the message ORs together the
/// masks of its byte pairs. A rule whose bit stays clear holds none of its
/// needles in the message, so its search is skipped. Hash collisions and
/// folding only add bits, never remove them.
struct NeedlePairTable: Sendable {
    /// For each hashed pair, the rules with a needle whose pair hashes there.
    private let masks: [UInt32]
    /// Rules that must always be searched: no needles, or a one-byte needle.
    private let always: UInt32

    /// The most rules one table tells apart (one bit each).
    static let maxRules = 32

    /// Nil when there are more rules than bits.
    init?(_ rules: [Rule]) {
        guard rules.count <= Self.maxRules else { return nil }
        var masks = [UInt32](repeating: 0, count: 1 << 12)
        var always: UInt32 = 0
        for (index, rule) in rules.enumerated() {
            let bit: UInt32 = 1 << UInt32(index)
            let needles = rule.containsNeedles
            if needles.isEmpty { always |= bit }
            for needle in needles {
                let bytes = needle.bytes
                guard bytes.count >= 2 else {
                    always |= bit
                    continue
                }
                let k = needle.pairStart
                masks[Self.slot(bytes[k], bytes[k + 1])] |= bit
            }
        }
        self.masks = masks
        self.always = always
    }

    /// Bit `i` set when rule `i`'s needles may occur in `text`; clear only
    /// when none of them does.
    func rulesThatMayMatch(_ text: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var found = always
        guard text.count >= 2 else { return found }
        masks.withUnsafeBufferPointer { masks in
            var previous = text[0]
            for i in 1..<text.count {
                let byte = text[i]
                found |= masks[Self.slot(previous, byte)]
                previous = byte
            }
        }
        return found
    }

    /// Both bytes folded (`| 0x20` puts a letter in lower case, so a needle
    /// that folds case and a text in either case meet in one slot), six bits
    /// of each.
    @inline(__always)
    private static func slot(_ first: UInt8, _ second: UInt8) -> Int {
        Int((first | 0x20) & 0x3F) << 6 | Int((second | 0x20) & 0x3F)
    }
}
