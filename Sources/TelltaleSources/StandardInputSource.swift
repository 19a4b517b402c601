#if canImport(Glibc)
import Glibc
#endif
import TelltaleCore

/// The process's standard input, read until end of file (`--logs -`).
///
/// Reads block, so they happen on a dedicated thread that also polls the
/// cancellation signal: a cancelled run returns at once even while the writer
/// at the other end of the pipe is silent. The descriptor is never closed here,
/// since it belongs to the process (or, in tests, to the caller).
public struct StandardInputSource: LogSource {
    public let name = "-"
    private let descriptor: Int32

    /// Reads descriptor 0.
    public init() {
        self.descriptor = STDIN_FILENO
    }

    /// Reads another descriptor the caller owns, such as the read end of a pipe.
    init(fd: Int32) {
        self.descriptor = fd
    }

    public func run(_ emit: @escaping @Sendable (SourceEvent) -> Void) async {
        let name = name
        let descriptor = descriptor
        emit(.state(source: name, .reading))
        await DedicatedThread.run(named: "stdin") { signal in
            let chunkSize = FileTailer.chunkSize
            while !signal.isFired {
                var descriptors = [
                    pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
                    pollfd(fd: signal.descriptor, events: Int16(POLLIN), revents: 0),
                ]
                let ready = poll(&descriptors, nfds_t(descriptors.count), FileTailer.pollIntervalMilliseconds)
                if ready < 0 && errno != EINTR {
                    emit(.state(source: name, .failed(SystemError.describe(errno))))
                    return
                }
                guard !signal.isFired else { return }
                if descriptors[0].revents & Int16(POLLNVAL) != 0 {
                    emit(.state(source: name, .failed("standard input is closed")))
                    return
                }
                guard descriptors[0].revents != 0 else { continue }
                let chunk = ChunkRead(from: descriptor, maximum: chunkSize)
                if chunk.result > 0 {
                    emit(.data(source: name, bytes: chunk.bytes, arrival: WallClock.now()))
                } else if chunk.result == 0 {
                    emit(.state(source: name, .ended))
                    return
                } else if chunk.error != EINTR && chunk.error != EAGAIN {
                    emit(.state(source: name, .failed(SystemError.describe(chunk.error))))
                    return
                }
            }
        }
    }
}
