/// One terminal cell: the grapheme shown and what it means.
///
/// `text` is one grapheme cluster, or "" for the right half of a wide
/// character (the backend skips those: the wide character already covers it).
public struct Cell: Sendable, Equatable {
    public var text: String
    public var role: StyleRole
    public var attributes: CellAttributes

    public init(_ text: String = " ", role: StyleRole = .text, attributes: CellAttributes = []) {
        self.text = text
        self.role = role
        self.attributes = attributes
    }

    public static let blank = Cell()
}

/// Emphasis on top of a role's own style (a selected row, a matched word).
public struct CellAttributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = CellAttributes(rawValue: 1)
    public static let reverse = CellAttributes(rawValue: 2)
    public static let underline = CellAttributes(rawValue: 4)
}
