#if canImport(Glibc)
import Glibc
#endif
import TelltaleCore

/// Appends every input to a recording file as it arrives (`--record FILE`).
///
/// The file is created with mode 0600: it holds raw logs. Writes go through one
/// lock, from whichever thread delivered the input, so entries keep arrival
/// order. A write error stops recording (once, with the reason) rather than the
/// watch: losing the recording must not lose the deploy's verdict.
public final class RecordingWriter: Sendable {
    private struct State: Sendable {
        var fd: Int32
        var failure: String?
    }

    private let state: LockedValue<State>

    /// Why recording stopped, if it did.
    public var failure: String? { state.value.failure }

    /// Creates (or truncates) the file with mode 0600 and writes the header.
    public init(path: String, started: Double) throws(RecordingError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw RecordingError(path: path, reason: SystemError.describe(errno)) }
        // An existing file keeps its mode through O_CREAT: tighten it too.
        fchmod(fd, 0o600)
        state = LockedValue(State(fd: fd))
        write(.header(version: RecordingEntry.formatVersion, started: started))
    }

    public func write(_ entry: RecordingEntry) {
        let line = Array((entry.encoded() + "\n").utf8)
        state.update { s in
            guard s.fd >= 0 else { return }
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
    }

    /// Records a source event (`wall` dates states and notes, which carry no time).
    public func write(_ event: SourceEvent, at wall: Double) {
        switch event {
        case let .data(source, bytes, arrival): write(.data(source: source, bytes: bytes, arrival: arrival))
        case let .state(source, sourceState): write(.state(source: source, state: sourceState, at: wall))
        case let .note(source, text): write(.note(source: source, text: text, at: wall))
        }
    }

    public func close() {
        state.update { s in
            if s.fd >= 0 {
                fsync(s.fd)
                Glibc.close(s.fd)
            }
            s.fd = -1
        }
    }

    deinit { close() }
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
