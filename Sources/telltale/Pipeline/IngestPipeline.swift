import Synchronization
import TelltaleCore
import TelltaleSources

/// Connects inputs to the core: source events and health results arrive here
/// from any thread, and are applied to one `DeployWatch` under one lock.
///
/// Each source has its own `LogReader`, so a line split across reads, or a
/// pretty-printed entry spread over many, is reassembled per source and never
/// mixed with another source's bytes. The lock serialises everything: counts
/// stay exact whatever the number of sources; readers of the state take a
/// snapshot (a copy of value types) and never block the inputs for long.
final class IngestPipeline: Sendable {
    struct State: Sendable {
        var watch: DeployWatch
        var readers: [String: LogReader] = [:]
        var healthResults = 0
        var bytes = 0
    }

    private let state: Mutex<State>
    private let maxLineBytes: Int
    /// Hides secrets in every record, every health result and the recorder's
    /// log bytes; nil with `--no-redact`. A replay redacts again with its own
    /// configuration, so a pattern added later also covers old recordings.
    private let redactor: Redactor?
    /// Called after a record is ingested (the UI hooks in here).
    let onRecord: (@Sendable (LogRecord) -> Void)?
    /// Writes every input as it arrives (`--record`).
    let recorder: RecordingWriter?
    /// Called after any input changed the state (the dashboard's wake-up);
    /// outside the lock, and it must be cheap: it runs once per input event.
    let onChange: (@Sendable () -> Void)?
    /// Whether a health result calls `onChange` too. The dashboard says no:
    /// it redraws every clock second anyway, so a poll shows within a second
    /// without a frame of its own (half the frames of an idle dashboard).
    let healthWakes: Bool

    init(watch: DeployWatch, maxLineBytes: Int = 1 << 20, redactor: Redactor? = Redactor(),
         recorder: RecordingWriter? = nil, onRecord: (@Sendable (LogRecord) -> Void)? = nil,
         onChange: (@Sendable () -> Void)? = nil, healthWakes: Bool = true) {
        state = Mutex(State(watch: watch))
        self.maxLineBytes = maxLineBytes
        self.redactor = redactor
        self.recorder = recorder
        self.onRecord = onRecord
        self.onChange = onChange
        self.healthWakes = healthWakes
        recorder?.redactLines(with: redactor)
    }

    /// Registers the sources up front so that each is listed even before it reports.
    func register(sources names: [String]) {
        state.withLock { s in
            for name in names { s.watch.sourceIndex(name) }
        }
    }

    func handle(_ event: SourceEvent) {
        recorder?.write(event, at: wallClock())
        state.withLock { s in
            switch event {
            case let .data(source, bytes, arrival):
                s.bytes += bytes.count
                s.watch.source(source, receivedBytes: bytes.count)
                var reader = s.readers.removeValue(forKey: source) ?? LogReader(source: source, maxLineBytes: maxLineBytes, redactor: redactor)
                reader.feed(bytes, arrival: arrival) { record in
                    s.watch.ingest(record)
                    onRecord?(record)
                }
                s.readers[source] = reader
            case let .state(source, sourceState):
                if sourceState == .ended || isFailure(sourceState) {
                    // The source is done: a last line without a newline still counts.
                    if var reader = s.readers.removeValue(forKey: source) {
                        reader.finish(arrival: wallClock()) { record in
                            s.watch.ingest(record)
                            onRecord?(record)
                        }
                    }
                }
                s.watch.source(source, state: sourceState, at: wallClock())
            case let .note(source, text):
                s.watch.source(source, note: text)
            }
        }
        onChange?()
    }

    func handle(_ result: HealthResult) {
        // Before anything keeps it: the body becomes reasons, evidence, screens
        // and recording entries.
        let result = redactor?.redact(result) ?? result
        recorder?.write(.health(result))
        state.withLock { s in
            s.healthResults += 1
            s.watch.ingest(result)
        }
        if healthWakes { onChange?() }
    }

    /// Marks a deploy by hand at `time` (the dashboard's `d`).
    func markDeploy(at time: Double, label: String) {
        state.withLock { $0.watch.markDeploy(at: time, label: label) }
        onChange?()
    }

    /// Starts every counter and window again from `fresh`, keeping the sources
    /// listed with their current state (the dashboard's `r`). Readers keep any
    /// partial line, so no entry is split by the reset.
    func reset(to fresh: DeployWatch, at time: Double) {
        state.withLock { s in
            var watch = fresh
            for source in s.watch.sources {
                watch.sourceIndex(source.name)
                watch.source(source.name, state: source.state, at: time)
            }
            s.watch = watch
        }
        onChange?()
    }

    /// Lets "now" follow the wall clock while live sources are quiet.
    func tick(wallTime: Double) {
        state.withLock { $0.watch.advanceClock(wallTime: wallTime) }
    }

    /// The few numbers the run loop polls, read without copying the watch: a
    /// held snapshot would make the next ingested line copy every tracker.
    struct Progress: Sendable {
        var bytes: Int
        var entries: Int
        /// Results so far of each endpoint that has reported.
        var healthResults: [Int]
    }

    func progress() -> Progress {
        state.withLock { s in
            Progress(bytes: s.bytes, entries: s.watch.lines.total, healthResults: s.watch.health.map(\.resultCount))
        }
    }

    /// A copy of the current state (value types: cheap until written).
    func snapshot() -> State {
        state.withLock { $0 }
    }

    private func isFailure(_ state: SourceState) -> Bool {
        if case .failed = state { return true }
        return false
    }
}
