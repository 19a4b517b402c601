/// A width×height grid of cells: what one frame of the dashboard looks like.
///
/// Rendering is a pure function into one of these; the curses backend flushes
/// only what `diff(from:)` says changed, and tests compare `textLines` and
/// `roleLines` with expected files.
public struct CellBuffer: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    /// A horizontal run of changed cells in one row.
    public struct Run: Sendable, Equatable {
        public var x: Int
        public var y: Int
        public var count: Int
    }

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    /// Writes `text` from (x, y), clipped at `limit` (exclusive column, default
    /// the buffer's width). Wide graphemes take two cells; one that would cross
    /// the limit is replaced by a space.
    /// - Returns: the column after the last cell written.
    @discardableResult
    public mutating func put(
        _ text: some StringProtocol, x: Int, y: Int, role: StyleRole = .text,
        attributes: CellAttributes = [], limit: Int? = nil
    ) -> Int {
        let end = min(limit ?? width, width)
        guard y >= 0, y < height else { return x }
        var column = x
        // ASCII: one byte, one cell, no grapheme breaking.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            for byte in text.utf8 {
                if column >= end { break }
                if column >= 0 { self[column, y] = Cell(scalar: Unicode.Scalar(byte), role: role, attributes: attributes) }
                column += 1
            }
            return column
        }
        // Box drawing, blocks, arrows, ★ ✓ ▲ and Latin text: one scalar, one
        // cell, one column, so the grapheme breaking below can be skipped.
        if text.unicodeScalars.allSatisfy(Self.isLoneNarrowScalar) {
            for scalar in text.unicodeScalars {
                if column >= end { break }
                if column >= 0 { self[column, y] = Cell(scalar: scalar, role: role, attributes: attributes) }
                column += 1
            }
            return column
        }
        for character in text {
            if column >= end { break }
            let w = DisplayWidth.of(character)
            if column < 0 { column += w; continue }
            if w == 2 {
                if column + 1 >= end {
                    self[column, y] = Cell(" ", role: role, attributes: attributes)
                    column += 1
                    break
                }
                self[column, y] = Cell(String(character), role: role, attributes: attributes)
                self[column + 1, y] = Cell("", role: role, attributes: attributes)
            } else {
                self[column, y] = Cell(String(character), role: role, attributes: attributes)
            }
            column += w
        }
        return column
    }

    /// Fills a rectangle with one cell.
    /// A scalar that is a whole character of width one on its own: printable
    /// ASCII and Latin up to the combining marks, general punctuation,
    /// arrows, box drawing, blocks, shapes and dingbats. Nothing here joins
    /// with a neighbour (no combining mark, joiner, selector or control) or
    /// takes two columns (`DisplayWidth`).
    static func isLoneNarrowScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E, 0xA0..<0x300, 0x2010...0x2027, 0x2030...0x205F, 0x2070...0x2BFF: true
        default: false
        }
    }

    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        for y in max(0, rect.y)..<min(height, rect.maxY) where rect.x < width {
            for x in max(0, rect.x)..<min(width, rect.maxX) { self[x, y] = cell }
        }
    }

    /// Sets the role of every cell in a rectangle, keeping the text (a
    /// highlighted row, an alert overlay).
    public mutating func restyle(_ rect: Rect, role: StyleRole, attributes: CellAttributes = []) {
        for y in max(0, rect.y)..<min(height, rect.maxY) where rect.x < width {
            for x in max(0, rect.x)..<min(width, rect.maxX) {
                cells[y * width + x].role = role
                cells[y * width + x].attributes = attributes
            }
        }
    }

    /// The cells that differ from `previous`, as runs per row; everything when
    /// there is no previous frame or its size differs.
    public func diff(from previous: CellBuffer?) -> [Run] {
        guard let previous, previous.width == width, previous.height == height else {
            return (0..<height).map { Run(x: 0, y: $0, count: width) }.filter { $0.count > 0 }
        }
        var runs: [Run] = []
        for y in 0..<height {
            var x = 0
            while x < width {
                guard cells[y * width + x] != previous.cells[y * width + x] else { x += 1; continue }
                let start = x
                while x < width, cells[y * width + x] != previous.cells[y * width + x] { x += 1 }
                runs.append(Run(x: start, y: y, count: x - start))
            }
        }
        return runs
    }

    /// Each row's text, trailing spaces kept, wide-character halves skipped.
    public var textLines: [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width { line += cells[y * width + x].text }
            return line
        }
    }

    /// Each row's roles as letters (see `StyleRole.letter`), one per cell.
    public var roleLines: [String] {
        (0..<height).map { y in String((0..<width).map { cells[y * width + $0].role.letter }) }
    }
}
