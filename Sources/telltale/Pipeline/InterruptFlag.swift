import Dispatch
import Foundation
import Synchronization

/// Turns SIGINT, SIGTERM and SIGHUP into a flag that the run loop reads, so that
/// `check` interrupted by the user still prints the report of what it saw.
final class InterruptFlag: @unchecked Sendable {
    /// The flag itself, shared with the signal handlers.
    private final class Flag: Sendable {
        let value = Atomic<Bool>(false)
    }

    private let flag = Flag()
    // Written once in `init`, before the object is shared; kept so the
    // dispatch sources stay alive for their handlers to fire.
    private var sources: [DispatchSourceSignal] = []

    var isSet: Bool { flag.value.load(ordering: .relaxed) }

    private init() {
        let flag = self.flag
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { flag.value.store(true, ordering: .relaxed) }
            source.resume()
            sources.append(source)
        }
    }

    static func install() -> InterruptFlag { InterruptFlag() }
}
