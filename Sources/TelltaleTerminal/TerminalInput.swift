import TelltaleUI

/// What woke the UI thread.
public enum TerminalInput: Sendable, Equatable {
    case key(Key)
    /// The terminal changed size (already applied to curses).
    case resize(width: Int, height: Int)
    /// The pipeline said the state changed.
    case wake
    /// SIGTERM, SIGHUP or SIGINT arrived: leave cleanly.
    case terminate
}
