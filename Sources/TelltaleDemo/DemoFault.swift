/// A way the demo backend can misbehave, so a watcher's failure handling can be seen and tested.
public enum DemoFault: String, Sendable, Hashable, CaseIterable, Codable {
    /// Behave normally.
    case none
    /// Accept the connection and never answer.
    case hang
    /// Send the headers, then the body one byte a second.
    case trickle
    /// Answer 500 with an HTML error page.
    case error500
    /// Answer 200 with bytes that are neither JSON nor valid UTF-8.
    case garbage
    /// Answer with Cloud Run's own plain-text 503, as when the container is down.
    case platform503
    /// Cut log stream connections in the middle of a line every few lines.
    case drop
    /// Emit INFO lines on the log stream as fast as the connection takes them.
    case flood

    /// Whether the fault is about log streams (otherwise about single answers, like health).
    public var concernsLogStreams: Bool {
        self == .drop || self == .flood
    }
}
