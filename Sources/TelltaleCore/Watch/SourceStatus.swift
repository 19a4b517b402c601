/// What the watch knows about one log source: its state and its volume.
public struct SourceStatus: Sendable, Equatable {
    public var name: String
    public var state: SourceState
    public var bytes: Int = 0
    public var entries: Int = 0
    public var reconnects: Int = 0
    /// The newest note (a command's stderr line, "rotated").
    public var lastNote: String?

    public init(name: String, state: SourceState = .connecting) {
        self.name = name
        self.state = state
    }

    public var hasFailed: Bool {
        if case .failed = state { return true }
        return false
    }
}
