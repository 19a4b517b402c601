#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A pipe that a blocked `poll()` can watch, written once when the owning task
/// is cancelled.
///
/// Blocking reads on a dedicated thread do not see Swift task cancellation; the
/// thread polls the pipe's read end next to its real descriptor so that a cancel
/// wakes it within the same system call instead of at the next timeout. (Glibc's
/// Swift module does not export `eventfd`, hence a pipe.) Both ends are closed
/// under the same lock that fires it, so a late cancel never writes to a number
/// the process has since reused.
final class WakeupSignal: Sendable {
    private struct State {
        var readEnd: Int32 = -1
        var writeEnd: Int32 = -1
        var fired = false
    }

    private let state: Mutex<State>

    /// Creates the pipe. When the process is out of descriptors the signal still
    /// works as a flag, seen by the watcher at its next poll timeout.
    init() {
        var ends: [Int32] = [-1, -1]
        var initial = State()
        if pipe(&ends) == 0 {
            for end in ends {
                _ = fcntl(end, F_SETFD, FD_CLOEXEC)
                _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            }
            initial.readEnd = ends[0]
            initial.writeEnd = ends[1]
        }
        state = Mutex(initial)
    }

    /// The descriptor to add to a `poll()` set for reading, or -1 once closed.
    var descriptor: Int32 {
        state.withLock { $0.readEnd }
    }

    /// Whether the signal has fired (the owning task was cancelled).
    var isFired: Bool {
        state.withLock { $0.fired }
    }

    /// Marks the signal fired and wakes any `poll()` that watches it.
    func fire() {
        state.withLock { state in
            guard !state.fired else { return }
            state.fired = true
            if state.writeEnd >= 0 {
                var byte: UInt8 = 1
                _ = write(state.writeEnd, &byte, 1)
            }
        }
    }

    /// Closes the pipe; later `fire()` calls only set the flag.
    func close() {
        state.withLock { state in
            for end in [state.readEnd, state.writeEnd] where end >= 0 {
                _ = Glibc.close(end)
            }
            state.readEnd = -1
            state.writeEnd = -1
        }
    }

    deinit {
        close()
    }
}
