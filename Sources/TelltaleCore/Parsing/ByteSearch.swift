/// Finding the next of two bytes in a buffer, sixteen bytes at a time.
///
/// What the JSON scanner does for a string's closing quote (or escape) and
/// the template maker for a quoted value's or a list item's: the bytes in
/// between are most of a line, and a byte loop cost a compare and a branch
/// for each.
enum ByteSearch {
    /// The index of the first `a` or `b` at or after `from`, or `p.count`.
    @inline(__always)
    static func firstOf(_ a: UInt8, _ b: UInt8, in p: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        typealias Bytes = SIMD16<UInt8>
        guard let base = p.baseAddress else { return from }
        let n = p.count
        var i = from
        let raw = UnsafeRawPointer(base)
        let first = Bytes(repeating: a), second = Bytes(repeating: b)
        while i &+ 16 <= n {
            let bytes = raw.loadUnaligned(fromByteOffset: i, as: Bytes.self)
            let hits = (bytes .== first) .| (bytes .== second)
            // The mask as two integers, a byte of ones per hit: the first
            // hit's index comes from its trailing zeros (lane 0 is the low
            // byte), so a short run costs one block, not a byte loop.
            let halves = unsafeBitCast(hits, to: SIMD2<UInt64>.self)
            if halves[0] != 0 { return i + halves[0].trailingZeroBitCount / 8 }
            if halves[1] != 0 { return i + 8 + halves[1].trailingZeroBitCount / 8 }
            i &+= 16
        }
        // The last bytes, eight at a time: a byte is `a` or `b` where its
        // xor with them is zero.
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while i + 8 <= n {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let x = word ^ (ones &* UInt64(a))
            let y = word ^ (ones &* UInt64(b))
            if ((x &- ones) & ~x | (y &- ones) & ~y) & highs != 0 { break }
            i += 8
        }
        while i < n, p[i] != a, p[i] != b { i += 1 }
        return i
    }
}
