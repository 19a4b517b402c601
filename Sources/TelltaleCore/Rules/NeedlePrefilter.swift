/// One pass over a message that tells when none of a set of needles can
/// occur in it, so that most messages are ruled out without a search per
/// needle.
///
/// Each needle is represented by two adjacent bytes of it, the rarest one
/// (`TextNeedle.anchor`) and a neighbour; the message is compared against
/// every pair sixteen positions at a time. A needle that occurs puts its pair
/// somewhere in the message, so "no pair anywhere" proves "no needle"; a pair
/// found proves nothing, and the needles are then searched one by one.
///
/// When every needle is long enough (`NeedleGramFilter`), the pairs are not
/// compared at all: sampling six bytes every few positions answers exactly,
/// reading a fraction of the message.
struct NeedlePrefilter: Sendable {
    /// A needle's two bytes at offsets `k` and `k + 1`; a letter of a
    /// case-folding needle is compared with 0x20 or-ed into both sides.
    struct Pair: Sendable {
        var first: UInt8
        var firstFold: UInt8
        var second: UInt8
        var secondFold: UInt8
    }

    let pairs: [Pair]
    /// The vectors a block is compared with, built once (broadcasting them
    /// per block cost most of a pass), in three runs:
    /// - up to `anchorsHereEnd`, each pair's anchor byte alone (its needle's
    ///   rarest byte) as (fold, byte), compared with a block's own bytes;
    /// - up to `anchorsNextEnd`, the anchors that end their needle (a pair's
    ///   second byte), compared with the bytes one further;
    /// - then the pairs, four vectors each (first fold, first, second fold,
    ///   second).
    /// A block holds a pair only where it holds the pair's anchor: a rare
    /// byte rules out most blocks at one comparison a pair instead of two.
    /// Empty when `grams` answers instead.
    private let vectors: [SIMD16<UInt8>]
    private let anchorsHereEnd: Int
    private let anchorsNextEnd: Int
    /// Set when a needle is a single byte (no pair to look for): every
    /// message may then match, and the needles are always searched.
    let mustSearch: Bool
    /// The sampled search, used instead of the pairs when the needles are
    /// long enough for it.
    private let grams: NeedleGramFilter?

    init(_ needles: [TextNeedle]) {
        var pairs: [Pair] = []
        var mustSearch = false
        for needle in needles {
            let bytes = needle.bytes
            guard bytes.count >= 2 else {
                mustSearch = true
                continue
            }
            let k = needle.pairStart
            func fold(_ byte: UInt8) -> UInt8 {
                needle.foldsCase && (byte | 0x20) &- 0x61 < 26 ? 0x20 : 0
            }
            let pair = Pair(first: bytes[k] | fold(bytes[k]), firstFold: fold(bytes[k]),
                            second: bytes[k + 1] | fold(bytes[k + 1]), secondFold: fold(bytes[k + 1]))
            if !pairs.contains(where: { $0.first == pair.first && $0.firstFold == pair.firstFold
                && $0.second == pair.second && $0.secondFold == pair.secondFold }) {
                pairs.append(pair)
            }
        }
        self.pairs = pairs
        self.mustSearch = mustSearch
        let grams = NeedleGramFilter(needles)
        self.grams = grams
        // The comparison vectors only when the grams do not replace them.
        let compared = grams == nil ? needles : []
        var here: [(fold: UInt8, byte: UInt8)] = [], next: [(fold: UInt8, byte: UInt8)] = []
        for needle in compared where needle.bytes.count >= 2 {
            let byte = needle.bytes[needle.anchor]
            let fold: UInt8 = needle.foldsCase && (byte | 0x20) &- 0x61 < 26 ? 0x20 : 0
            let anchor = (fold: fold, byte: byte | fold)
            if needle.anchor == needle.pairStart {
                if !here.contains(where: { $0 == anchor }) { here.append(anchor) }
            } else if !next.contains(where: { $0 == anchor }) {
                next.append(anchor)
            }
        }
        let anchors = (here + next).flatMap { [SIMD16<UInt8>(repeating: $0.fold), SIMD16(repeating: $0.byte)] }
        anchorsHereEnd = 2 * here.count
        anchorsNextEnd = anchors.count
        vectors = grams != nil ? [] : anchors + pairs.flatMap { pair in
            [pair.firstFold, pair.first, pair.secondFold, pair.second].map { SIMD16<UInt8>(repeating: $0) }
        }
    }

    /// False when no needle can occur in `message`.
    func mayMatch(_ message: UnsafeBufferPointer<UInt8>) -> Bool {
        typealias Bytes = SIMD16<UInt8>
        typealias Mask = SIMDMask<Bytes.MaskStorage>
        if mustSearch { return true }
        guard let base = message.baseAddress, message.count >= 2, !pairs.isEmpty else { return false }
        if let grams { return grams.occurs(in: message) }
        let raw = UnsafeRawPointer(base)
        let count = message.count
        let (hereEnd, nextEnd) = (anchorsHereEnd, anchorsNextEnd)
        return vectors.withUnsafeBufferPointer { vectors in
            @inline(__always) func block(at i: Int) -> Bool {
                let here = raw.loadUnaligned(fromByteOffset: i, as: Bytes.self)
                let next = raw.loadUnaligned(fromByteOffset: i + 1, as: Bytes.self)
                var anchored = Mask(repeating: false)
                var v = 0
                while v < hereEnd {
                    anchored .|= (here | vectors[v]) .== vectors[v &+ 1]
                    v &+= 2
                }
                while v < nextEnd {
                    anchored .|= (next | vectors[v]) .== vectors[v &+ 1]
                    v &+= 2
                }
                // `any(_:)` is not inlined; the mask's two halves as integers are.
                let anchors = unsafeBitCast(anchored, to: SIMD2<UInt64>.self)
                if anchors[0] | anchors[1] == 0 { return false }
                var hits = Mask(repeating: false)
                while v < vectors.count {
                    let first: Mask = (here | vectors[v]) .== vectors[v &+ 1]
                    let second: Mask = (next | vectors[v &+ 2]) .== vectors[v &+ 3]
                    hits .|= first .& second
                    v &+= 4
                }
                let halves = unsafeBitCast(hits, to: SIMD2<UInt64>.self)
                return halves[0] | halves[1] != 0
            }
            guard count >= 17 else {
                for i in 0..<(count - 1) {
                    for pair in pairs where base[i] | pair.firstFold == pair.first && base[i + 1] | pair.secondFold == pair.second {
                        return true
                    }
                }
                return false
            }
            var i = 0
            while i + 17 <= count {
                if block(at: i) { return true }
                i += 16
            }
            // The last positions, in one block that overlaps the one before.
            return i + 1 < count && block(at: count - 17)
        }
    }
}
