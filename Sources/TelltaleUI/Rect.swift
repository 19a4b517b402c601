/// A rectangle of cells: where a panel draws.
///
/// Layout is plain arithmetic on these, so it is tested without a terminal.
public struct Rect: Sendable, Equatable, Hashable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var isEmpty: Bool { width == 0 || height == 0 }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }

    /// The rectangle shrunk by `by` cells on every side (the inside of a border).
    public func inset(_ by: Int = 1) -> Rect {
        Rect(x: x + by, y: y + by, width: width - 2 * by, height: height - 2 * by)
    }

    /// Splits into a top part of `height` rows and the rest below.
    public func splitTop(_ height: Int) -> (top: Rect, rest: Rect) {
        let h = min(max(0, height), self.height)
        return (Rect(x: x, y: y, width: width, height: h), Rect(x: x, y: y + h, width: width, height: self.height - h))
    }

    /// Splits into a left part of `width` columns and the rest on the right.
    public func splitLeft(_ width: Int) -> (left: Rect, rest: Rect) {
        let w = min(max(0, width), self.width)
        return (Rect(x: x, y: y, width: w, height: height), Rect(x: x + w, y: y, width: self.width - w, height: height))
    }

    /// Splits at a fraction of the width, the left part rounded down.
    public func splitLeft(fraction: Double) -> (left: Rect, rest: Rect) {
        splitLeft(Int(Double(width) * fraction))
    }

    /// A `width`×`height` rectangle centered in this one (clipped to it).
    public func centered(width w: Int, height h: Int) -> Rect {
        let cw = min(w, width), ch = min(h, height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }
}
