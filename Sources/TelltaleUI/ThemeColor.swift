/// A color as a theme file writes it: a name, `#rrggbb`, or a 0–255 index,
/// always held as a number so no theme text ever reaches the terminal.
public enum ThemeColor: Sendable, Equatable {
    /// An xterm palette index, 0–255 (0–15 are the named colors).
    case index(Int)
    case rgb(red: Int, green: Int, blue: Int)

    /// The sixteen names, in palette order.
    public static let names = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow",
        "bright-blue", "bright-magenta", "bright-cyan", "bright-white",
    ]

    /// Parses a theme value; nil when it is none of the three forms.
    public init?(parsing text: String) {
        let lower = text.lowercased().replacingOccurrences(of: "_", with: "-")
        if let i = Self.names.firstIndex(of: lower) {
            self = .index(i)
        } else if lower == "gray" || lower == "grey" {
            self = .index(8)
        } else if let n = Int(lower), (0...255).contains(n) {
            self = .index(n)
        } else if lower.hasPrefix("#"), lower.count == 7, let v = Int(lower.dropFirst(), radix: 16) {
            self = .rgb(red: (v >> 16) & 0xFF, green: (v >> 8) & 0xFF, blue: v & 0xFF)
        } else {
            return nil
        }
    }

    /// The nearest xterm-256 palette index.
    public var index256: Int {
        switch self {
        case .index(let i): return i
        case let .rgb(r, g, b):
            let cube = [0, 95, 135, 175, 215, 255]
            func level(_ c: Int) -> Int { cube.indices.min { abs(cube[$0] - c) < abs(cube[$1] - c) }! }
            let (lr, lg, lb) = (level(r), level(g), level(b))
            let cubeIndex = 16 + 36 * lr + 6 * lg + lb
            let cubeDistance = Self.distance((cube[lr], cube[lg], cube[lb]), (r, g, b))
            let grayLevel = min(23, max(0, ((r + g + b) / 3 - 8 + 5) / 10))
            let gray = 8 + 10 * grayLevel
            let grayDistance = Self.distance((gray, gray, gray), (r, g, b))
            return grayDistance < cubeDistance ? 232 + grayLevel : cubeIndex
        }
    }

    /// The nearest of the 16 basic colors, for terminals with 16 colors.
    public var index16: Int {
        let i = index256
        if i < 16 { return i }
        let (r, g, b) = Self.rgbOf(i)
        let basics: [(Int, Int, Int)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
            (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        return basics.indices.min { Self.distance(basics[$0], (r, g, b)) < Self.distance(basics[$1], (r, g, b)) }!
    }

    /// The nearest of the 8 basic colors.
    public var index8: Int { index16 % 8 }

    private static func rgbOf(_ i: Int) -> (Int, Int, Int) {
        if i >= 232 { let v = 8 + 10 * (i - 232); return (v, v, v) }
        let cube = [0, 95, 135, 175, 215, 255]
        let c = i - 16
        return (cube[c / 36], cube[(c / 6) % 6], cube[c % 6])
    }

    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return dr * dr + dg * dg + db * db
    }
}
