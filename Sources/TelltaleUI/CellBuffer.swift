#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        // ASCII in contiguous UTF-8 (nearly every string a frame draws): one
        // byte, one cell, written in one pass over the row.
        let contiguous = putContiguousASCII(text, x: x, y: y, end: end, role: role, attributes: attributes)
        if case .written(let after) = contiguous { return after }
        var column = x
        // ASCII: one byte, one cell, no grapheme breaking.
        if contiguous == .notContiguous, text.utf8.allSatisfy({ $0 < 0x80 }) {
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

    private enum ContiguousASCIIPut: Equatable {
        /// Drawn; the column after it.
        case written(Int)
        case notASCII
        /// The UTF-8 is not in one piece: `put` walks it.
        case notContiguous
    }

    /// `put`'s ASCII case on the string's own bytes. A frame draws a few
    /// thousand strings; this checks each with one pass and writes its cells
    /// through one pointer (no per-cell bounds and uniqueness checks).
    private mutating func putContiguousASCII(
        _ text: some StringProtocol, x: Int, y: Int, end: Int, role: StyleRole, attributes: CellAttributes
    ) -> ContiguousASCIIPut {
        let outcome = text.utf8.withContiguousStorageIfAvailable { bytes -> ContiguousASCIIPut in
            guard ASCIIText.isASCII(bytes) else { return .notASCII }
            let first = max(x, 0)
            let last = min(x + bytes.count, end)
            if first < last {
                let row = y * width
                cells.withUnsafeMutableBufferPointer { cells in
                    for column in first..<last {
                        cells[row + column] = Cell(ascii: bytes[column - x], role: role, attributes: attributes)
                    }
                }
            }
            return .written(max(x, min(x + bytes.count, end)))
        }
        return outcome ?? .notContiguous
    }

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

    /// Fills a rectangle with one cell, clipped to the buffer.
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        let left = max(0, rect.x), right = min(width, rect.maxX)
        let top = max(0, rect.y), bottom = min(height, rect.maxY)
        guard left < right, top < bottom else { return }
        let columns = width
        cells.withUnsafeMutableBufferPointer { cells in
            for y in top..<bottom {
                UnsafeMutableBufferPointer(rebasing: cells[(y * columns + left)..<(y * columns + right)]).update(repeating: cell)
            }
        }
    }

    /// Sets the role of every cell in a rectangle, keeping the text (a
    /// highlighted row, an alert overlay).
    public mutating func restyle(_ rect: Rect, role: StyleRole, attributes: CellAttributes = []) {
        let left = max(0, rect.x), right = min(width, rect.maxX)
        let top = max(0, rect.y), bottom = min(height, rect.maxY)
        guard left < right, top < bottom else { return }
        for y in top..<bottom {
            for x in left..<right {
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
        let columns = width
        // A cell is all value bytes (`Cell.reserved`): an unchanged row, most
        // of them on a clock frame, is one `memcmp` instead of a compare a cell.
        let comparesAsBytes = MemoryLayout<Cell>.size == MemoryLayout<Cell>.stride
        cells.withUnsafeBufferPointer { now in
            previous.cells.withUnsafeBufferPointer { before in
                guard let nowBase = now.baseAddress, let beforeBase = before.baseAddress else { return }
                for y in 0..<height {
                    let row = y * columns
                    if comparesAsBytes, memcmp(nowBase + row, beforeBase + row, columns * MemoryLayout<Cell>.stride) == 0 {
                        continue
                    }
                    var x = 0
                    while x < columns {
                        guard now[row + x] != before[row + x] else { x += 1; continue }
                        let start = x
                        while x < columns, now[row + x] != before[row + x] { x += 1 }
                        runs.append(Run(x: start, y: y, count: x - start))
                    }
                }
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
