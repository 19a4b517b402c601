/// What telltale believes about the backend's core database right now.
public enum DatabaseState: String, Sendable, CaseIterable {
    /// No evidence yet.
    case unknown
    case up
    /// Answering again after a recent failure, or reported degraded by a health body.
    case degraded
    case down
}
