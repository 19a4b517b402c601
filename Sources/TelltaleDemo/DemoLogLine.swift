/// One formatted log line of the demo backend.
///
/// The text is exactly what the backend would print (newline-free); the shape and severity
/// ride along so tests and the server can reason about a line without parsing it again.
public struct DemoLogLine: Sendable, Hashable {
    /// The line as emitted, without a trailing newline.
    public let text: String
    /// Which of the four formats the text is in.
    public let shape: DemoLogShape
    /// The Cloud Logging severity name the line carries (`INFO`, `WARNING`, `CRITICAL`, ...).
    public let severity: String

    public init(text: String, shape: DemoLogShape, severity: String) {
        self.text = text
        self.shape = shape
        self.severity = severity
    }
}
