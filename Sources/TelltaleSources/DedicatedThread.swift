import Foundation

/// Runs blocking work on a thread of its own and awaits it from async code.
///
/// File and pipe reads block in the kernel; doing them on the cooperative pool
/// would starve every other task on a 2-core machine. The work receives a
/// `WakeupSignal` that fires when the awaiting task is cancelled, and must
/// return promptly once it does.
enum DedicatedThread {
    /// Runs `work` on a new thread and returns when it has returned.
    static func run(
        named name: String,
        _ work: @escaping @Sendable (WakeupSignal) -> Void
    ) async {
        let signal = WakeupSignal()
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let thread = Thread {
                    work(signal)
                    signal.close()
                    continuation.resume()
                }
                thread.name = name
                thread.start()
            }
        } onCancel: {
            signal.fire()
        }
    }
}
