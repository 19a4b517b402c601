/// A tiny seeded pseudo-random generator (SplitMix64).
///
/// The demo must replay the same story for the same seed on every machine and toolchain,
/// so it owns its generator and its derived draws instead of relying on the standard
/// library's algorithms, which are free to change.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE5_E9B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// A whole number in `0..<bound`; the modulo bias is irrelevant at these bounds.
    mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    /// A whole number in the closed range.
    mutating func within(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// A fraction in `0..<1` built from the top 53 bits, the precision of a Double.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// True with the given probability.
    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// Eight lowercase hex digits, the shape of the backend's legacy `uuid4().hex[:8]` ids.
    mutating func hex8() -> String {
        DemoHex.digits(next() & 0xFFFF_FFFF, width: 8)
    }

    /// Picks an element by integer weights.
    mutating func weighted<Element>(_ choices: [(weight: Int, value: Element)]) -> Element {
        let total = choices.reduce(0) { $0 + $1.weight }
        var ticket = below(total)
        for choice in choices {
            if ticket < choice.weight { return choice.value }
            ticket -= choice.weight
        }
        return choices[choices.count - 1].value
    }

    /// A generator for one independent stream, so a second of traffic does not depend on
    /// how many draws earlier seconds made.
    static func stream(seed: UInt64, index: UInt64) -> SplitMix64 {
        var mixer = SplitMix64(seed: seed ^ (index &* 0xD1B5_4A32_D192_ED03))
        return SplitMix64(seed: mixer.next())
    }
}
