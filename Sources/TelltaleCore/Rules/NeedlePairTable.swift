/// Which rules' `contains` needles may occur in a text, from one pass over
/// its byte pairs.
///
/// A WARNING entry meets every rule, and each rule searched its needles one
/// by one: about fifty `memchr` scans of every warning's message, nearly
/// all for database wordings that a WebSocket warning never holds. Instead,
/// every needle is represented by two pairs of adjacent bytes of it: the
/// pair at its anchor (as in `NeedlePrefilter`) and a second one, the rarest
/// of the others. Both are hashed into a small table whose entries are two
/// masks of rules, one per kind of pair; one pass over the message ORs
/// together the entries of its byte pairs. A rule is kept when a needle's
/// first pair and a needle's second pair are both in the message (one pair
/// was not enough: every "queue" holds the `qu` of `queuepool`); a rule with
/// a bit clear holds none of its needles, so its search is skipped. Hash
/// collisions and folding only add bits, never remove them.
struct NeedlePairTable: Sendable {
    /// For each hashed pair, in the low half the rules with a needle whose
    /// first pair hashes there, in the high half those with a needle whose
    /// second pair does: one load a byte pair for both.
    private let masks: [UInt64]
    /// Rules that must always be searched: no needles, or a one-byte needle.
    private let always: UInt32
    /// Rules one of whose needles has no second pair (two bytes long): set
    /// in the high half from the start.
    private let noSecondPair: UInt32

    /// The most rules one table tells apart (one bit each).
    static let maxRules = 32

    /// Nil when there are more rules than bits.
    init?(_ rules: [Rule]) {
        guard rules.count <= Self.maxRules else { return nil }
        var masks = [UInt64](repeating: 0, count: 1 << 12)
        var always: UInt32 = 0
        var noSecondPair: UInt32 = 0
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
                masks[Self.slot(bytes[k], bytes[k + 1])] |= UInt64(bit)
                if let j = Self.secondPairStart(of: needle) {
                    masks[Self.slot(bytes[j], bytes[j + 1])] |= UInt64(bit) << 32
                } else {
                    noSecondPair |= bit
                }
            }
        }
        self.masks = masks
        self.always = always
        self.noSecondPair = noSecondPair
    }

    /// Where the needle's second pair starts: of the pairs other than its
    /// anchor pair, the one whose rarer byte is rarest (`TextNeedle.cost`);
    /// nil for a needle of two bytes.
    static func secondPairStart(of needle: TextNeedle) -> Int? {
        let bytes = needle.bytes
        let first = needle.pairStart
        var best: (start: Int, cost: Int)?
        for j in 0..<(bytes.count - 1) where j != first {
            let cost = min(TextNeedle.cost(bytes[j], foldsCase: needle.foldsCase),
                           TextNeedle.cost(bytes[j + 1], foldsCase: needle.foldsCase))
            if best == nil || cost < best!.cost { best = (j, cost) }
        }
        return best?.start
    }

    /// Bit `i` set when rule `i`'s needles may occur in `text`; clear only
    /// when none of them does.
    func rulesThatMayMatch(_ text: UnsafeBufferPointer<UInt8>) -> UInt32 {
        guard text.count >= 2 else { return always }
        var found = UInt64(noSecondPair) << 32
        masks.withUnsafeBufferPointer { masks in
            var previous = text[0]
            for i in 1..<text.count {
                let byte = text[i]
                found |= masks[Self.slot(previous, byte)]
                previous = byte
            }
        }
        return UInt32(truncatingIfNeeded: found) & UInt32(truncatingIfNeeded: found >> 32) | always
    }

    /// Both bytes folded (`| 0x20` puts a letter in lower case, so a needle
    /// that folds case and a text in either case meet in one slot), six bits
    /// of each.
    @inline(__always)
    private static func slot(_ first: UInt8, _ second: UInt8) -> Int {
        Int((first | 0x20) & 0x3F) << 6 | Int((second | 0x20) & 0x3F)
    }
}
