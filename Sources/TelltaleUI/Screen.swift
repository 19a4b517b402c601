/// Something that shows cell buffers: the curses terminal, or memory in tests.
public protocol Screen: AnyObject {
    /// Shows `buffer`, writing only what changed since the last one.
    func present(_ buffer: CellBuffer)
}
