/// Watches the values of one learned JSON layout for those that stay the same
/// line after line, so that the layout cache can learn a variant of the layout
/// in which they are constant bytes.
///
/// Most of a stream's values never change (the service, the revision until the
/// next deploy, an error object the formatter always writes, the request
/// method): matching each of them as a value costs a segment compare, a string
/// scan whose end the branch predictor cannot guess, and a store, where a
/// constant byte costs a sixteenth of a block compare. The watch looks now and
/// then: it samples one line's values and keeps those that the next
/// `window - 1` lines of the layout repeat byte for byte. Lines a variant
/// does not match (another severity, the next revision) still come to the
/// layout itself, so it looks again after `lookAgain` of them, up to
/// `maxVariants` variants.
struct JSONRepeatWatch {
    /// Lines of a layout before its first look (its first lines may be a
    /// start-up burst unlike what follows).
    static let firstLook = 64
    /// Consecutive lines a value must repeat on to be folded.
    static let window = 32
    /// Lines of the layout between looks.
    static let lookAgain = 1024
    /// Variants learned at most per layout.
    static let maxVariants = 4
    /// Fewer repeating values than this are not worth a variant (a line it
    /// does not match pays a failed compare before its own layout).
    static let minRepeats = 2

    /// What the layout cache does after a look.
    struct Outcome {
        /// The values to fold into a variant (bit i for value i), if any.
        var fold: UInt64?
        /// Lines of the layout until the next look.
        var nextLook: Int
    }

    /// The sampled line's values, one after the other, and where each ends.
    private var sample: [UInt8] = []
    private var sampleEnds: [Int] = []
    /// Values (bit i for value i, the first 64 only) every line since the
    /// sample repeated.
    private var repeating: UInt64 = 0
    /// Lines looked at since the sample, the sample included.
    private var seen = 0
    private(set) var variants = 0

    /// Looks at the values of one line of the layout, `values` in `line`.
    mutating func look(at values: UnsafeBufferPointer<JSONToken>, in line: UnsafePointer<UInt8>) -> Outcome {
        let watched = min(values.count, 64)
        if seen == 0 {
            sample.removeAll(keepingCapacity: true)
            sampleEnds.removeAll(keepingCapacity: true)
            for value in values.prefix(watched) {
                sample.append(contentsOf: UnsafeBufferPointer(start: line + value.start, count: value.end - value.start))
                sampleEnds.append(sample.count)
            }
            repeating = watched == 64 ? ~0 : (1 << UInt64(watched)) - 1
            seen = 1
            return Outcome(fold: nil, nextLook: 1)
        }
        var from = 0
        for (index, value) in values.prefix(watched).enumerated() {
            let end = sampleEnds[index]
            if repeating & (1 << UInt64(index)) != 0,
               !sample[from..<end].elementsEqual(UnsafeBufferPointer(start: line + value.start, count: value.end - value.start)) {
                repeating &= ~(1 << UInt64(index))
            }
            from = end
        }
        seen += 1
        if repeating.nonzeroBitCount < Self.minRepeats {
            seen = 0
            return Outcome(fold: nil, nextLook: Self.lookAgain)
        }
        guard seen == Self.window else { return Outcome(fold: nil, nextLook: 1) }
        seen = 0
        variants += 1
        return Outcome(fold: repeating, nextLook: variants < Self.maxVariants ? Self.lookAgain : Int.max)
    }
}
