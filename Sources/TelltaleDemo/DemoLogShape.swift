/// The four shapes the staging backend's log lines come in.
///
/// A watcher must recognise every one of them, so the demo mixes all four in its stream;
/// the raw values are the letters the samples README uses for them.
public enum DemoLogShape: String, Sendable, CaseIterable, Hashable {
    /// The app's stdout JSON (GCP formatter): `severity`, `message`, `timestamp`, `labels`, `context`.
    case appJSON = "A"
    /// The unified logging formatter's JSON, with the backend's spurious `error` object.
    case unifiedJSON = "B"
    /// A Cloud Logging LogEntry (`resource.labels.revision_name`, `jsonPayload` or `textPayload`).
    case logEntry = "E"
    /// Plain text: `YYYY-MM-DD HH:MM:SS,mmm - service - logger - LEVEL - message`.
    case plainText = "P"
}
