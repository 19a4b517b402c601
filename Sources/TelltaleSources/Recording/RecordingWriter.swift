#if canImport(Glibc)
import Glibc
#endif
import TelltaleCore

/// Appends every input to a recording file as it arrives (`--record`).
///
/// Log bytes are stored redacted, by the same `Redactor` the records pass
/// through (`redactLines(with:)`; built-in patterns until then): a recording is
/// copied and attached to tickets like a report, so it must not keep what the
/// report hides. Each source's bytes go through a `LineRedactor`, so only
/// complete lines are written and a secret split across two reads is still
/// found; a source that ends (or the recording that closes) writes its last
/// partial line. With `--no-redact` the bytes are stored as they came, and the
/// header says so. The file is created with mode 0600 all the same.
///
/// Writes go through one lock, from whichever thread delivered the input, so
/// entries keep arrival order. A write error stops recording (once, with the
/// reason) rather than the watch: losing the recording must not lose the
/// deploy's verdict.
public final class RecordingWriter: Sendable {
    private struct State: Sendable {
        var fd: Int32
        var failure: String?
        var started: Double
        /// nil: raw bytes (`--no-redact`).
        var redactor: Redactor? = Redactor()
        /// Written before the first entry, since `redactLines(with:)` decides
        /// what it says.
        var headerWritten = false
        var lines: [String: LineRedactor] = [:]
        /// The arrival of each source's last chunk, which dates a partial
        /// line written when the source ends.
        var lastArrival: [String: Double] = [:]
    }

    private let state: LockedValue<State>

    /// Why recording stopped, if it did.
    public var failure: String? { state.value.failure }

    /// Creates (or truncates) the file with mode 0600; the header is written
    /// with the first entry (or on close).
    public init(path: String, started: Double) throws(RecordingError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw RecordingError(path: path, reason: SystemError.describe(errno)) }
        // An existing file keeps its mode through O_CREAT: tighten it too.
        fchmod(fd, 0o600)
        state = LockedValue(State(fd: fd, started: started))
    }

    /// Sets how log bytes are redacted from now on: `redactor`'s patterns, or
    /// none at all (nil, for `--no-redact`). Call it before the first entry,
    /// so the header states what the whole file holds.
    public func redactLines(with redactor: Redactor?) {
        state.update { s in
            s.redactor = redactor
            s.lines.removeAll()
        }
    }

    /// Writes `entry`; a `.data` entry's bytes pass through the line redaction
    /// (and may wait for the rest of their line), and a source that ended
    /// first gets its partial line written.
    public func write(_ entry: RecordingEntry) {
        state.update { s in
            switch entry {
            case let .data(source, bytes, arrival):
                s.lastArrival[source] = arrival
                guard let redactor = s.redactor else {
                    Self.append(entry, to: &s)
                    return
                }
                var lines = s.lines[source] ?? LineRedactor(redactor: redactor)
                let complete = lines.feed(bytes)
                s.lines[source] = lines
                if !complete.isEmpty { Self.append(.data(source: source, bytes: complete, arrival: arrival), to: &s) }
            case let .state(source, sourceState, _):
                if sourceState == .ended || Self.isFailure(sourceState) { Self.flush(source, in: &s) }
                Self.append(entry, to: &s)
            default:
                Self.append(entry, to: &s)
            }
        }
    }

    /// Records a source event (`wall` dates states and notes, which carry no time).
    public func write(_ event: SourceEvent, at wall: Double) {
        switch event {
        case let .data(source, bytes, arrival): write(.data(source: source, bytes: bytes, arrival: arrival))
        case let .state(source, sourceState): write(.state(source: source, state: sourceState, at: wall))
        case let .note(source, text): write(.note(source: source, text: text, at: wall))
        }
    }

    /// Writes every partial line still held, then closes the file.
    public func close() {
        state.update { s in
            for source in s.lines.keys.sorted() { Self.flush(source, in: &s) }
            if s.fd >= 0 {
                if !s.headerWritten { Self.append(nil, to: &s) }
                if s.fd >= 0 {
                    fsync(s.fd)
                    Glibc.close(s.fd)
                }
            }
            s.fd = -1
        }
    }

    deinit { close() }

    // MARK: - Under the lock

    private static func flush(_ source: String, in s: inout State) {
        guard var lines = s.lines.removeValue(forKey: source) else { return }
        let rest = lines.finish()
        if !rest.isEmpty {
            append(.data(source: source, bytes: rest, arrival: s.lastArrival[source] ?? s.started), to: &s)
        }
    }

    /// Writes the header if it is not written yet, then `entry` (if any).
    private static func append(_ entry: RecordingEntry?, to s: inout State) {
        guard s.fd >= 0 else { return }
        var text = ""
        if !s.headerWritten {
            text += RecordingEntry.header(version: RecordingEntry.formatVersion, started: s.started, redacted: s.redactor != nil).encoded() + "\n"
            s.headerWritten = true
        }
        if let entry { text += entry.encoded() + "\n" }
        let line = Array(text.utf8)
        var offset = 0
        while offset < line.count {
            let n = line.withUnsafeBytes { Glibc.write(s.fd, $0.baseAddress! + offset, line.count - offset) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                s.failure = "recording stopped: \(SystemError.describe(errno))"
                Glibc.close(s.fd)
                s.fd = -1
                return
            }
            offset += n
        }
    }

    private static func isFailure(_ state: SourceState) -> Bool {
        if case .failed = state { return true }
        return false
    }
}

/// A recording that cannot be written or read.
public struct RecordingError: Error, CustomStringConvertible, Equatable {
    public var path: String
    public var reason: String
    public var line: Int?

    public var description: String {
        line.map { "\(path):\($0): \(reason)" } ?? "\(path): \(reason)"
    }
}
