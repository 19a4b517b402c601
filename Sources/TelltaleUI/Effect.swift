/// Something the update function wants done outside the pure model: I/O,
/// the pipeline, the terminal. The UI loop runs them.
public enum Effect: Sendable, Equatable {
    case quit
    /// Mark a deploy by hand, now.
    case markDeploy
    /// Write the validation report to a file.
    case saveReport
    /// Rebuild the watch's counters (confirmed by the user).
    case resetWindows
    /// The theme index changed: rebuild the terminal's color pairs.
    case cycleTheme
    /// Freeze the displayed state (`true`) or follow the live state again.
    case freeze(Bool)
    case bell
}
