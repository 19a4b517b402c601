import Synchronization

/// One terminal cell: the grapheme shown and what it means.
///
/// `text` is one grapheme cluster, or "" for the right half of a wide
/// character (the backend skips those: the wide character already covers it).
///
/// Stored as a plain number, not a String: a frame fills, copies and compares
/// twelve thousand cells, and a String in each made every one of those a
/// reference-count operation. A single-scalar character (nearly all) is its
/// scalar value; a cluster of several scalars (a combining mark, an emoji
/// sequence) is an index into a process-wide table of the clusters seen.
public struct Cell: Sendable, Equatable {
    private var code: UInt32
    public var role: StyleRole
    public var attributes: CellAttributes
    /// Fills the cell out to its eight-byte stride, so that a cell has no
    /// padding and rows of cells compare with `memcmp` (`CellBuffer.diff`):
    /// padding bytes hold whatever was there before.
    private var reserved: UInt16 = 0

    public init(_ text: String = " ", role: StyleRole = .text, attributes: CellAttributes = []) {
        code = Cell.code(for: text)
        self.role = role
        self.attributes = attributes
    }

    /// A cell holding one scalar (no table, no String).
    public init(scalar: Unicode.Scalar, role: StyleRole = .text, attributes: CellAttributes = []) {
        code = scalar.value
        self.role = role
        self.attributes = attributes
    }

    /// A cell holding one ASCII byte (below 0x80).
    init(ascii byte: UInt8, role: StyleRole, attributes: CellAttributes) {
        code = UInt32(byte)
        self.role = role
        self.attributes = attributes
    }

    public var text: String {
        get { Cell.text(for: code) }
        set { code = Cell.code(for: newValue) }
    }

    public static let blank = Cell()

    // MARK: - Codes

    /// "" (the right half of a wide character).
    private static let emptyCode: UInt32 = 0x11_0000
    /// Codes from here on index `clusters`.
    private static let clusterBase: UInt32 = 0x20_0000
    /// Distinct multi-scalar clusters kept; later ones show as U+FFFD.
    private static let clusterCapacity = 65_536
    private static let clusters = Mutex<(list: [String], index: [String: UInt32])>(([], [:]))

    private static func code(for text: String) -> UInt32 {
        var scalars = text.unicodeScalars.makeIterator()
        guard let first = scalars.next() else { return emptyCode }
        if scalars.next() == nil { return first.value }
        return clusters.withLock { table in
            if let known = table.index[text] { return known }
            guard table.list.count < clusterCapacity else { return 0xFFFD }
            let code = clusterBase + UInt32(table.list.count)
            table.list.append(text)
            table.index[text] = code
            return code
        }
    }

    private static func text(for code: UInt32) -> String {
        if code < emptyCode { return Unicode.Scalar(code).map { String($0) } ?? "\u{FFFD}" }
        if code == emptyCode { return "" }
        return clusters.withLock { table in
            let index = Int(code - clusterBase)
            return index < table.list.count ? table.list[index] : "\u{FFFD}"
        }
    }
}

public struct CellAttributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = CellAttributes(rawValue: 1)
    public static let reverse = CellAttributes(rawValue: 2)
    public static let underline = CellAttributes(rawValue: 4)
}
