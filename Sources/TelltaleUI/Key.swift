/// A key press, as the dashboard understands it, whatever terminal sent it.
public enum Key: Sendable, Equatable, Hashable {
    case character(Character)
    /// A control key: `control("c")` is Ctrl-C (byte 3 under raw mode).
    case control(Character)
    case tab
    case backTab
    case enter
    case escape
    case backspace
    case up, down, left, right
    case pageUp, pageDown
    case home, end
}
