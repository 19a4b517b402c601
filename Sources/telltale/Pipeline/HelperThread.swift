import Foundation
import Synchronization
import TelltaleCore

/// A second thread for the pipeline: it prepares a share of each big batch
/// (`LogReader.Helper`) and applies prepared batches to the watch (`later`)
/// while the source's thread goes on reading and splitting the next chunk.
///
/// One thread for the life of the process, running its jobs one at a time in
/// the order they were posted: a source's batches are applied in order, and
/// a batch's share is prepared before the batch is applied. Between jobs of a
/// bulk read it spins briefly on a counter before sleeping on a semaphore: a
/// futex wake costs tens of microseconds each way, a tenth of a batch, while
/// the next job is usually a few hundred microseconds away. An idle helper
/// sleeps (no CPU).
final class HelperThread: Sendable {
    /// Checks of a counter before a thread goes to sleep (some 100 µs).
    private static let spinLimit = 100_000

    private let posted = Atomic<Int>(0)
    private let completed = Atomic<Int>(0)
    private let helperSleeping = Atomic<Bool>(false)
    private let start = DispatchSemaphore(value: 0)
    /// Jobs posted and not yet taken, oldest first; a job is queued before
    /// `posted` moves, so the helper always finds the one it counted.
    private let jobs = Mutex<[@Sendable () -> Void]>([])

    /// Starts the thread, which holds on to this object: a pipeline, and so
    /// its helper, lives as long as the process.
    init() {
        let thread = Thread { [self] in
            var seen = 0
            while true {
                waitPast(posted, beyond: seen, sleeping: helperSleeping, semaphore: start)
                seen += 1
                let work = jobs.withLock { $0.removeFirst() }
                work()
                completed.store(seen, ordering: .sequentiallyConsistent)
            }
        }
        thread.name = "telltale-helper"
        thread.start()
    }

    /// The helper as a `LogReader` shares batches with it.
    var forReaders: LogReader.Helper {
        LogReader.Helper(post: { self.later($0) }, wait: { self.wait(for: $0) }, isDone: { self.hasRun($0) })
    }

    /// Returns once the job with `ticket` (and every one before it) has run.
    /// Spins first (a few milliseconds at most: a reader waits only for a
    /// batch of its own, which the helper is working through), then sleeps.
    func wait(for ticket: Int) {
        for _ in 0..<(Self.spinLimit * 40) where hasRun(ticket) { return }
        drain()
    }

    /// Runs `work` on the helper thread after every job posted before it,
    /// without waiting for it; returns its ticket for `hasRun`.
    @discardableResult
    func later(_ work: @escaping @Sendable () -> Void) -> Int {
        post(work)
    }

    /// Whether the job with `ticket` (and every one before it) has run.
    func hasRun(_ ticket: Int) -> Bool {
        completed.load(ordering: .acquiring) >= ticket
    }

    /// Returns once every job posted before the call has run; at once, and
    /// without waking the helper, when none is pending.
    ///
    /// Waits on a job of its own, so that any number of threads can wait at
    /// once.
    func drain() {
        guard !hasRun(posted.load(ordering: .acquiring)) else { return }
        let finished = DispatchSemaphore(value: 0)
        post { finished.signal() }
        finished.wait()
    }

    @discardableResult
    private func post(_ work: @escaping @Sendable () -> Void) -> Int {
        // Queue and count under one lock: tickets must follow queue order
        // when several threads post at once.
        let ticket = jobs.withLock { queue in
            queue.append(work)
            return posted.wrappingAdd(1, ordering: .sequentiallyConsistent).newValue
        }
        if helperSleeping.load(ordering: .sequentiallyConsistent) { start.signal() }
        return ticket
    }

    /// Waits until `counter` passes `value`: spins, then sleeps on `semaphore`.
    ///
    /// Lost wake-ups cannot happen: the sleeper says so and then looks at the
    /// counter again, the other side moves the counter and then looks at the
    /// flag (both sequentially consistent), so one of them sees the other. A
    /// signal that arrives although the sleeper did not sleep only makes a
    /// later wait return early, and every wait re-checks the counter.
    private func waitPast(_ counter: borrowing Atomic<Int>, beyond value: Int, sleeping: borrowing Atomic<Bool>,
                       semaphore: DispatchSemaphore) {
        var spins = 0
        while counter.load(ordering: .acquiring) <= value {
            if spins < Self.spinLimit {
                spins += 1
                continue
            }
            sleeping.store(true, ordering: .sequentiallyConsistent)
            if counter.load(ordering: .sequentiallyConsistent) <= value { semaphore.wait() }
            sleeping.store(false, ordering: .sequentiallyConsistent)
        }
    }
}
