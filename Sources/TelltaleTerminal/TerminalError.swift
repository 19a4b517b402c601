/// Why the terminal could not be set up; the command prints it and exits
/// without ever leaving the terminal in curses mode.
public struct TerminalError: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
