/// A screen in memory: keeps what a terminal would show and counts the cells
/// each frame wrote, so tests can check that unchanged frames write nothing.
public final class MemoryScreen: Screen {
    public private(set) var current: CellBuffer?
    /// Cells written by each `present`, in order.
    public private(set) var cellsWritten: [Int] = []

    public init() {}

    public func present(_ buffer: CellBuffer) {
        let runs = buffer.diff(from: current)
        cellsWritten.append(runs.reduce(0) { $0 + $1.count })
        current = buffer
    }
}
