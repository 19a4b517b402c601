import Synchronization
import TelltaleCore

/// Collects what a source or poller emits, from any thread, for a test to inspect.
final class EventRecorder<Event: Sendable>: Sendable {
    private let events = Mutex<[Event]>([])

    var all: [Event] { events.withLock { $0 } }

    func append(_ event: Event) {
        events.withLock { $0.append(event) }
    }

    /// Waits until `condition` holds for the events so far, polling briefly; false at `timeout`.
    func wait(timeout: Double = 20, until condition: ([Event]) -> Bool) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(Int64(timeout * 1000))
        while clock.now < deadline {
            if condition(all) { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return condition(all)
    }
}

extension [SourceEvent] {
    /// All data bytes, concatenated, as text.
    var dataText: String {
        String(decoding: flatMap { event -> [UInt8] in
            if case .data(_, let bytes, _) = event { return bytes }
            return []
        }, as: UTF8.self)
    }

    var states: [SourceState] {
        compactMap { event in
            if case .state(_, let state) = event { return state }
            return nil
        }
    }

    var notes: [String] {
        compactMap { event in
            if case .note(_, let text) = event { return text }
            return nil
        }
    }
}
