/// A capability: something that produces log bytes (a file, stdin, a command, an
/// HTTP stream) and reports its own state.
///
/// Sources do the I/O and know nothing of parsing: they hand raw byte chunks to
/// the pipeline, which splits lines and counts. That keeps "every line counted
/// exactly once" in one place, however a source reconnects or rotates.
public protocol LogSource: Sendable {
    /// The name shown in the status bar and recorded with each line (a path, `-`,
    /// a URL, `cmd:NAME`). Never contains a secret.
    var name: String { get }

    /// Runs until the source ends (or forever when following), reporting through
    /// `emit`. Returns when done or when the task is cancelled.
    func run(_ emit: @escaping @Sendable (SourceEvent) -> Void) async
}

/// What a source tells the pipeline.
public enum SourceEvent: Sendable, Equatable {
    /// Raw bytes, in arrival order, with the wall time they arrived.
    case data(source: String, bytes: [UInt8], arrival: Double)
    /// The source's state changed.
    case state(source: String, SourceState)
    /// A human-readable note about the source (a command's stderr line, a
    /// rotation noticed); shown as the source's status, never parsed as a log.
    case note(source: String, text: String)
}

/// The visible state of one log source.
public enum SourceState: Sendable, Equatable {
    case connecting
    case reading
    /// Waiting for something outside (a file that does not exist yet).
    case waiting(String)
    /// Lost; the next attempt is at `at` (seconds since 1970).
    case reconnecting(at: Double, reason: String)
    /// Finished normally (end of file without follow, stream closed for good).
    case ended
    case failed(String)

    /// A short label for the status bar and reports.
    public var label: String {
        switch self {
        case .connecting: "connecting"
        case .reading: "reading"
        case .waiting(let why): "waiting: \(why)"
        case .reconnecting(_, let reason): "reconnecting: \(reason)"
        case .ended: "ended"
        case .failed(let why): "failed: \(why)"
        }
    }
}
