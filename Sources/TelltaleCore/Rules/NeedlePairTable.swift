/// Which rules' `contains` needles may occur in a text, from one pass over
/// its byte pairs.
///
/// A WARNING entry meets every rule, and each rule searched its needles one
/// by one: about fifty `memchr` scans of every warning's message, nearly
/// all for database wordings that a WebSocket warning never holds. Instead,
/// every needle is represented by a few pairs of adjacent bytes of it (its
/// rarest, up to `pairsPerNeedle`), each hashed into a small table of
/// 128-bit masks with a bit per (needle, pair); one pass over the message
/// ORs together the masks of its byte pairs, and a needle is kept only when
/// all its pairs' bits are set. Only the needles kept are searched. Hash
/// collisions and folding only add bits, never remove them.
///
/// Why several pairs per needle, each with its own bit: with a bit per rule
/// and two pairs (the anchor's and one other), a rule was kept when the
/// pairs of two different needles of it were in the message, and then every
/// needle of it was searched. The database rules have five to seven needles
/// each, made of common words (`database connection timeout`), so a long
/// WebSocket warning kept three of them: searching their needles (two
/// `memchr` scans each, one per case) cost as much as the pass itself.
/// With four pairs of each needle none is kept. A set with more needles than
/// the masks have room for keeps two pairs a needle, then a bit per rule.
struct NeedlePairTable: Sendable {
    /// Two words per hashed pair (`2 * slot` and `2 * slot + 1`): the
    /// (needle, pair) bits of the pairs that hash there.
    private let masks: [UInt64]
    /// Bits set before the pass: the pairs a needle lacks (a short needle,
    /// one whose pairs share slots), every bit of a one-byte needle.
    private let preset: (UInt64, UInt64)
    /// How many bits (pairs) each needle has; 0 when bits are per rule.
    private let pairsPerNeedle: Int
    /// The index of each rule's first needle (or, per rule, the rule's own).
    private let firstNeedle: [Int]
    private let needleCounts: [Int]

    /// The most bits one table holds.
    static let maxBits = 128

    /// Nil when there are more than 64 needles and more than 64 rules.
    init?(_ rules: [Rule]) {
        let needleCount = rules.reduce(0) { $0 + $1.containsNeedles.count }
        let pairsPerNeedle = needleCount <= Self.maxBits / 4 ? 4 : needleCount <= Self.maxBits / 2 ? 2 : 0
        guard pairsPerNeedle > 0 || rules.count <= 64 else { return nil }
        var masks = [UInt64](repeating: 0, count: 2 << 12)
        var preset: (UInt64, UInt64) = (0, 0)
        func set(_ bit: Int, in slot: Int?) {
            let word = bit >> 6, mask: UInt64 = 1 << UInt64(bit & 63)
            if let slot {
                masks[2 * slot + word] |= mask
            } else if word == 0 {
                preset.0 |= mask
            } else {
                preset.1 |= mask
            }
        }
        var firstNeedle: [Int] = []
        var needleCounts: [Int] = []
        var next = 0
        for (index, rule) in rules.enumerated() {
            let needles = rule.containsNeedles
            guard pairsPerNeedle > 0 else {
                // A bit per rule, in both words: the anchor pair of one of
                // its needles in the first, another pair in the second.
                firstNeedle.append(index)
                needleCounts.append(needles.count)
                if needles.isEmpty { set(index, in: nil); set(64 + index, in: nil) }
                for needle in needles {
                    let slots = Self.pairSlots(of: needle, count: 2)
                    set(index, in: slots.first)
                    set(64 + index, in: slots.count > 1 ? slots[1] : slots.first)
                }
                continue
            }
            firstNeedle.append(next)
            needleCounts.append(needles.count)
            for needle in needles {
                let slots = Self.pairSlots(of: needle, count: pairsPerNeedle)
                for k in 0..<pairsPerNeedle {
                    set(next * pairsPerNeedle + k, in: k < slots.count ? slots[k] : nil)
                }
                next += 1
            }
        }
        self.masks = masks
        self.preset = preset
        self.pairsPerNeedle = pairsPerNeedle
        self.firstNeedle = firstNeedle
        self.needleCounts = needleCounts
    }

    /// The slots of the needle's rarest pairs (by `TextNeedle.cost` of both
    /// bytes), up to `count`, no slot twice; none for a one-byte needle.
    static func pairSlots(of needle: TextNeedle, count: Int) -> [Int] {
        let bytes = needle.bytes
        guard bytes.count >= 2 else { return [] }
        let ranked = (0..<(bytes.count - 1)).sorted { a, b in
            func cost(_ j: Int) -> Int {
                TextNeedle.cost(bytes[j], foldsCase: needle.foldsCase) + TextNeedle.cost(bytes[j + 1], foldsCase: needle.foldsCase)
            }
            return (cost(a), a) < (cost(b), b)
        }
        var slots: [Int] = []
        for j in ranked where !slots.contains(slot(bytes[j], bytes[j + 1])) {
            slots.append(slot(bytes[j], bytes[j + 1]))
            if slots.count == count { break }
        }
        return slots
    }

    /// The (needle, pair) bits of the pairs that occur in `text`, for
    /// `kept(_:)`.
    ///
    /// Sixteen pairs at a time: two loads of eight sixteen-bit lanes (from
    /// the byte before and from the first byte) hold them, a pair a lane,
    /// and turn into their masks' byte offsets with a few lane operations;
    /// what is left per pair is an extract and an or-ed load. A byte at a
    /// time, taking each key apart and forming each slot, cost nine
    /// instructions a byte of every warning's message.
    func sighting(in text: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        let count = text.count
        guard count >= 2, let base = text.baseAddress else { return (~0, ~0) }
        return masks.withUnsafeBufferPointer { masks in
            Self.sighting(UnsafeRawPointer(base), count, table: UnsafeRawPointer(masks.baseAddress!), from: preset)
        }
    }

    /// `sighting(in:)` over `count` bytes at `raw`, with the masks at
    /// `table`: a function of its own, so that the two words stay in
    /// registers (or-ed from a closure, each was a store).
    private static func sighting(_ raw: UnsafeRawPointer, _ count: Int, table: UnsafeRawPointer,
                                 from preset: (UInt64, UInt64)) -> (UInt64, UInt64) {
        var (low, high) = preset
        // `offset` is the slot's masks' byte offset: 16 times the slot.
        @inline(__always) func add(offset: Int) {
            low |= table.load(fromByteOffset: offset, as: UInt64.self)
            high |= table.load(fromByteOffset: offset &+ 8, as: UInt64.self)
        }
        typealias Pairs = SIMD8<UInt16>
        // The eight pairs (at + 2k, at + 2k + 1), a pair per lane with its
        // first byte low, as their masks' byte offsets: both bytes' keys
        // in one go, then the first's six bits to the top (slot bits 6-11,
        // times 16) and the second's under them.
        @inline(__always) func offsets(at: Int) -> Pairs {
            let pairs = raw.loadUnaligned(fromByteOffset: at, as: Pairs.self)
            let keys = pairs & Pairs(repeating: 0x1F1F) | (pairs &>> 1) & Pairs(repeating: 0x2020)
            return keys &<< 10 | (keys &>> 4) & Pairs(repeating: 0x03F0)
        }
        // Pairs (i - 1, i) for sixteen i at a time: the eight that start at
        // i - 1 + 2k, and the eight that start at i + 2k.
        var i = 1
        while i &+ 16 <= count {
            let even = offsets(at: i &- 1), odd = offsets(at: i)
            for lane in 0..<8 {
                add(offset: Int(even[lane]))
                add(offset: Int(odd[lane]))
            }
            i &+= 16
        }
        while i < count {
            let previous = raw.load(fromByteOffset: i &- 1, as: UInt8.self), current = raw.load(fromByteOffset: i, as: UInt8.self)
            add(offset: (Int(key(previous)) &<< 6 | Int(key(current))) &<< 4)
            i &+= 1
        }
        return (low, high)
    }

    /// The needles that may occur in the text of `sighting`: bit `j` for
    /// needle `j` when all of its pairs' bits are set (for rule `j`, when
    /// bits are per rule), for `needles(ofRule:kept:)`.
    func kept(_ sighting: (UInt64, UInt64)) -> UInt64 {
        switch pairsPerNeedle {
        case 4:
            return Self.allOnes(nibblesOf: sighting.0) | Self.allOnes(nibblesOf: sighting.1) << 16
        case 2:
            return Self.allOnes(pairsOf: sighting.0) | Self.allOnes(pairsOf: sighting.1) << 32
        default:
            return sighting.0 & sighting.1
        }
    }

    /// Rule `index`'s needles that may occur, from `kept`: bit `k` for its
    /// `containsNeedles[k]`, clear only when that needle does not occur
    /// (every bit, when bits are per rule and the rule's is set).
    func needles(ofRule index: Int, kept: UInt64) -> UInt64 {
        let own = kept >> UInt64(firstNeedle[index])
        guard pairsPerNeedle > 0 else { return own & 1 == 0 ? 0 : ~0 }
        let count = needleCounts[index]
        return count >= 64 ? own : own & ((1 << UInt64(count)) &- 1)
    }

    /// Bit `j` set when the four bits of nibble `j` of `x` are.
    @inline(__always)
    private static func allOnes(nibblesOf x: UInt64) -> UInt64 {
        var y = x & x >> 1
        y &= y >> 2
        var out: UInt64 = 0
        for j in 0..<16 { out |= (y >> UInt64(4 * j) & 1) << UInt64(j) }
        return out
    }

    /// Bit `j` set when both bits of pair `j` of `x` are.
    @inline(__always)
    private static func allOnes(pairsOf x: UInt64) -> UInt64 {
        let y = x & x >> 1
        var out: UInt64 = 0
        for j in 0..<32 { out |= (y >> UInt64(2 * j) & 1) << UInt64(j) }
        return out
    }

    /// Both bytes folded (`| 0x20` puts a letter in lower case, so a needle
    /// that folds case and a text in either case meet in one slot), six bits
    /// of each.
    @inline(__always)
    private static func slot(_ first: UInt8, _ second: UInt8) -> Int {
        Int(key(first)) << 6 | Int(key(second))
    }

    /// Six bits of a byte, folded (`sighting` computes eight at a time the
    /// same way): its low five and whether it is at or
    /// above 0x40 (letters and `_`, not digits or punctuation). The five
    /// low bits with 0x20 set, as the table once took, left 1,024 slots of
    /// 4,096 in use and put `2` in the slot of `r`, `_` in that of `?`.
    @inline(__always)
    private static func key(_ byte: UInt8) -> UInt8 {
        byte & 0x1F | (byte >> 1) & 0x20
    }
}
