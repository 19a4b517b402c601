import Foundation
import Synchronization
import TelltaleCore

/// Runs a source in a task and records what it emits, for tests to wait on.
final class SourceRecorder: Sendable {
    struct Recorded {
        var bytes: [UInt8] = []
        var states: [SourceState] = []
        var notes: [String] = []
        var dataArrivals: [Double] = []
        var returned = false
    }

    private let log: Log
    private let task: Task<Void, Never>

    /// The events, behind a lock: the source emits from its own thread.
    final class Log: Sendable {
        let recorded = Mutex(Recorded())

        func record(_ event: SourceEvent) {
            recorded.withLock { recorded in
                switch event {
                case .data(_, let bytes, let arrival):
                    recorded.bytes += bytes
                    recorded.dataArrivals.append(arrival)
                case .state(_, let state):
                    recorded.states.append(state)
                case .note(_, let text):
                    recorded.notes.append(text)
                }
            }
        }
    }

    init(_ source: any LogSource) {
        let log = Log()
        self.log = log
        task = Task.detached {
            await source.run { log.record($0) }
            log.recorded.withLock { $0.returned = true }
        }
    }

    var snapshot: Recorded { log.recorded.withLock { $0 } }
    var bytes: [UInt8] { snapshot.bytes }
    var text: String { String(decoding: bytes, as: UTF8.self) }
    var states: [SourceState] { snapshot.states }
    var notes: [String] { snapshot.notes }
    var lastState: SourceState? { snapshot.states.last }
    var hasReturned: Bool { snapshot.returned }

    /// Polls `condition` every 5 ms until it holds or `timeout` seconds pass.
    @discardableResult
    func waitUntil(timeout: Double = 20, _ condition: (SourceRecorder) -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition(self) { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return condition(self)
    }

    /// Cancels the source and waits for it to return; `false` if it did not
    /// return within `timeout` seconds.
    @discardableResult
    func stop(timeout: Double = 1.5) async -> Bool {
        task.cancel()
        return await waitUntil(timeout: timeout) { $0.hasReturned }
    }
}
