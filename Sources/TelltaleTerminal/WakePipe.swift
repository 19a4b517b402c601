import Glibc
import Synchronization

/// Lets other threads wake the UI thread out of `poll()`: a pipe whose read end
/// the screen polls, written at most once until the UI drains it, so a flood
/// of changes costs one byte, not one per line.
public final class WakePipe: Sendable {
    public let readFD: Int32
    private let writeFD: Int32
    private let pending = Atomic<Bool>(false)

    public init() throws(TerminalError) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw TerminalError("cannot create the wake-up pipe: errno \(errno)") }
        readFD = fds[0]
        writeFD = fds[1]
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        _ = fcntl(readFD, F_SETFD, FD_CLOEXEC)
        _ = fcntl(writeFD, F_SETFD, FD_CLOEXEC)
    }

    deinit {
        close(readFD)
        close(writeFD)
    }

    /// Wakes the UI thread unless a wake is already pending.
    public func notify() {
        guard !pending.exchange(true, ordering: .acquiringAndReleasing) else { return }
        var byte: UInt8 = 1
        _ = write(writeFD, &byte, 1)
    }

    /// Empties the pipe; later changes wake again.
    public func drain() {
        pending.store(false, ordering: .releasing)
        var bytes = [UInt8](repeating: 0, count: 64)
        while read(readFD, &bytes, bytes.count) > 0 {}
    }
}
