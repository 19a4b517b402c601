/// Something that happens in the scripted deploy at a simulated time.
///
/// The server replays these in order: log lines go to the log stream, phase changes switch
/// what the health endpoints answer.
public struct DemoEvent: Sendable, Hashable {
    /// What happened.
    public enum Kind: Sendable, Hashable {
        /// The backend printed a log line.
        case logLine(DemoLogLine)
        /// The health endpoints start answering for a new phase.
        case phaseChange(DemoPhase)
    }

    /// Simulated seconds since the demo started.
    public let simulatedTime: Double
    public let kind: Kind

    public init(simulatedTime: Double, kind: Kind) {
        self.simulatedTime = simulatedTime
        self.kind = kind
    }

    /// The log line, if this event is one.
    public var logLine: DemoLogLine? {
        if case .logLine(let line) = kind { return line }
        return nil
    }
}
