/// Whether any needle of a set occurs in a message, found by reading five
/// bytes at every few positions of it instead of comparing every byte.
///
/// A needle of at least `shortest` bytes that occurs in a message covers one
/// of the positions `0, s, 2s, ...` (for a stride `s = shortest - 5 + 1`)
/// together with the four bytes after it, at one of its first `s` offsets
/// (of any `s` offsets in a row, one is a multiple of `s` away from the
/// message's start, and the first `s` all leave five bytes of the needle
/// after them). So the five bytes at each sampled position are enough to find
/// it: they are five consecutive bytes (a "gram") of the needle, at one of
/// those offsets. Each needle's grams at its first `s` offsets are kept
/// under a hashed slot with the places they come from (needle, offset); a
/// sampled position whose slot holds places is checked against each of those
/// needles where it would start. The answer is exact: a needle is found when
/// it occurs (as `TextNeedle.occurs` finds it), and only then. Keeping only
/// `s` grams a needle, not all of them, leaves fewer slots taken, and so
/// fewer sampled positions of a message land on one by chance.
///
/// Slots hash the gram with 0x20 cleared in every byte, on the needle's side
/// and the message's alike, so that a case-folding needle's letters land in
/// the same slot in either case; the check that follows compares as the
/// needle does. Cleared, not set: one `and` then both drops the load's three
/// bytes past the gram and folds it (setting it took an `and` and an `add`
/// a sampled position). Five bytes, not four or six: four-byte grams of "database
/// connection established" or "DUPLICATE CONNECTION REGISTRATION" are in
/// everyday words (`stable`, `replica`, `region`), each such hit a
/// comparison, while six-byte grams sample a position more often (plain
/// corpus: 4,968 instructions a line with four, 4,946 with five, 4,989 with six).
///
/// The needle prefilter uses this instead of its pair comparisons when the set
/// allows a stride of at least `minimumStride`: for the default pack at INFO
/// (shortest needle `, connection: `, which `Rule.messageNeedles` takes from
/// a regex; stride 10) a message costs one hashed load every ten bytes
/// instead of a comparison per anchor byte every sixteenth of a block.
struct NeedleGramFilter: Sendable {
    static let gramLength = 5
    /// Below this stride, sampling saves too little over the pair comparisons.
    static let minimumStride = 3
    /// A shorter needle leaves messages too short for the eight-byte loads.
    static let minimumShortest = 8
    private static let slotBits = 13
    /// The gram's five bytes, each without its 0x20 bit.
    private static let foldedGramMask: UInt64 = 0xDF_DFDF_DFDF

    /// The length of the shortest needle: a shorter message holds none.
    let shortest: Int
    /// The distance between sampled positions.
    let stride: Int
    /// For each slot, 0 when no gram hashes there, else its bucket plus one.
    private let slots: [UInt8]
    /// Bucket `b`'s places are `places[bucketStarts[b]..<bucketStarts[b + 1]]`.
    private let bucketStarts: [Int32]
    private let places: [Place]
    private let needles: [Needle]
    /// Every needle's bytes, one after another (folded ones in lower case).
    private let needleBytes: [UInt8]

    /// Where a gram comes from: needle `needle`, starting `offset` bytes in.
    private struct Place {
        var needle: Int32
        var offset: Int32
    }

    private struct Needle {
        var start: Int32
        var count: Int32
        var foldsCase: Bool
    }

    /// Nil when the shortest needle leaves a stride below `minimumStride` or
    /// is shorter than `minimumShortest`, when there is no needle, or when
    /// the grams need more than 255 slots.
    init?(_ textNeedles: [TextNeedle]) {
        guard let shortest = textNeedles.map(\.bytes.count).min(), shortest >= Self.minimumShortest else { return nil }
        let stride = shortest - Self.gramLength + 1
        guard stride >= Self.minimumStride else { return nil }
        var placesBySlot: [Int: [Place]] = [:]
        var needles: [Needle] = []
        var needleBytes: [UInt8] = []
        for (index, needle) in textNeedles.enumerated() {
            let bytes = needle.bytes
            needles.append(Needle(start: Int32(needleBytes.count), count: Int32(bytes.count), foldsCase: needle.foldsCase))
            needleBytes += bytes
            for offset in 0..<stride {
                var gram: UInt64 = 0
                // Little-endian, as a load of the message's bytes reads them.
                for k in 0..<Self.gramLength { gram |= UInt64(bytes[offset + k]) << (8 * k) }
                placesBySlot[Self.slot(gram), default: []].append(Place(needle: Int32(index), offset: Int32(offset)))
            }
        }
        guard placesBySlot.count <= 255 else { return nil }
        var slots = [UInt8](repeating: 0, count: 1 << Self.slotBits)
        var bucketStarts: [Int32] = [0]
        var places: [Place] = []
        for (slot, slotPlaces) in placesBySlot.sorted(by: { $0.key < $1.key }) {
            slots[slot] = UInt8(bucketStarts.count)
            places += slotPlaces
            bucketStarts.append(Int32(places.count))
        }
        self.shortest = shortest
        self.stride = stride
        self.slots = slots
        self.bucketStarts = bucketStarts
        self.places = places
        self.needles = needles
        self.needleBytes = needleBytes
    }

    /// Whether some needle occurs in `message`.
    func occurs(in message: UnsafeBufferPointer<UInt8>) -> Bool {
        // A needle is longer than the message, or the message is at least
        // `shortest` >= 8 bytes long: every eight-byte load lies in it.
        guard message.count >= shortest else { return false }
        return slots.withUnsafeBufferPointer { slots in
            var at = 0
            while let hit = Self.nextHit(in: message, from: at, stride: stride, slots: slots) {
                if anyPlace(in: hit.bucket, at: hit.at, of: message) { return true }
                at = hit.at + stride
            }
            return false
        }
    }

    /// The first sampled position from `from` on (by `stride`) whose gram's
    /// slot holds places, and its bucket. A loop without calls, so that its
    /// state stays in registers.
    private static func nextHit(in message: UnsafeBufferPointer<UInt8>, from: Int, stride: Int,
                                slots: UnsafeBufferPointer<UInt8>) -> (at: Int, bucket: UInt8)? {
        let count = message.count
        guard let base = message.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        @inline(__always) func bucket(at: Int) -> UInt8 {
            slots[slot(raw.loadUnaligned(fromByteOffset: at, as: UInt64.self))]
        }
        var at = from
        // Four positions a round, tested together: a hit is rare.
        while at &+ 3 &* stride &+ 8 <= count {
            let buckets = (bucket(at: at), bucket(at: at &+ stride), bucket(at: at &+ 2 &* stride),
                           bucket(at: at &+ 3 &* stride))
            if buckets.0 | buckets.1 | buckets.2 | buckets.3 != 0 { break }
            at &+= 4 &* stride
        }
        while at &+ 8 <= count {
            let found = bucket(at: at)
            if found != 0 { return (at, found) }
            at &+= stride
        }
        // The last positions, whose five bytes end in the message's last
        // eight: one to three bytes into them.
        let last = raw.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
        while at &+ gramLength <= count {
            let found = slots[slot(last &>> UInt64(8 &* (at &+ 8 &- count)))]
            if found != 0 { return (at, found) }
            at &+= stride
        }
        return nil
    }

    /// Whether a needle of bucket `bucket` (plus one) occurs where the gram
    /// at `at` would put it.
    private func anyPlace(in bucket: UInt8, at: Int, of message: UnsafeBufferPointer<UInt8>) -> Bool {
        let b = Int(bucket) - 1
        for place in places[Int(bucketStarts[b])..<Int(bucketStarts[b + 1])] {
            let needle = needles[Int(place.needle)]
            let start = at - Int(place.offset)
            let length = Int(needle.count)
            guard start >= 0, start + length <= message.count else { continue }
            var k = 0
            if needle.foldsCase {
                while k < length, TextNeedle.foldASCII(message[start + k]) == needleBytes[Int(needle.start) + k] { k += 1 }
            } else {
                while k < length, message[start + k] == needleBytes[Int(needle.start) + k] { k += 1 }
            }
            if k == length { return true }
        }
        return false
    }

    /// The slot of the five low bytes of `bytes`, folded.
    @inline(__always)
    private static func slot(_ bytes: UInt64) -> Int {
        let gram = bytes & foldedGramMask
        return Int(truncatingIfNeeded: (gram &* 0x9E37_79B9_7F4A_7C15) &>> UInt64(64 - slotBits))
    }
}
