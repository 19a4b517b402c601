import Foundation
import TelltaleCore

/// `--log-file`: diagnostics of a dashboard session, since nothing may be
/// printed to the terminal while curses owns it.
final class DiagnosticLog: @unchecked Sendable {
    private let handle: FileHandle
    private let lock = NSLock()

    init?(path: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        guard fd >= 0 else { return nil }
        handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    func write(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        handle.write(Data("\(TimeText.iso8601(wallClock())) \(line)\n".utf8))
    }
}
