import Synchronization
import TelltaleCore
import TelltaleSources

/// Connects inputs to the core: source events and health results arrive here
/// from any thread, and are applied to one `DeployWatch` under one lock.
///
/// Each source has its own `LogReader` behind its own lock, so a line split
/// across reads, or a pretty-printed entry spread over many, is reassembled
/// per source and never mixed with another source's bytes; its records are
/// prepared there (with a helper thread for big batches) and only applied
/// under the watch's lock, which serialises every change to the state:
/// counts stay exact whatever the number of sources; readers of the state
/// take a snapshot (a copy of value types) and never block the inputs for long.
final class IngestPipeline: Sendable {
    struct State: Sendable {
        var watch: DeployWatch
        var healthResults = 0
        var bytes = 0
    }

    private let state: Mutex<State>
    /// Each source's reader, behind a lock of its own: a chunk is read into
    /// prepared records (split, parsed, redacted, classified) holding only
    /// its source's lock, so the watch's lock is held just to apply them.
    private let readers = Mutex<[String: SourceReader]>([:])
    /// The rules records are prepared with: the watch's, which a reset keeps.
    private let rules: RuleSet
    /// How many of a chunk's newest entries the watch's log tail keeps, and
    /// so must be prepared whole (none without a tail).
    private let tailCapacity: Int
    /// Shares big batches with a second thread; nil keeps reading on the
    /// source's own thread.
    private let helper: HelperThread?
    private let maxLineBytes: Int
    /// Hides secrets in every record, every health result and the recorder's
    /// log bytes; nil with `--no-redact`. A replay redacts again with its own
    /// configuration, so a pattern added later also covers old recordings.
    private let redactor: Redactor?
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
         recorder: RecordingWriter? = nil,
         onChange: (@Sendable () -> Void)? = nil, healthWakes: Bool = true, parallel: Bool = true) {
        state = Mutex(State(watch: watch))
        rules = watch.rules
        tailCapacity = watch.keepsTail ? watch.tail.capacity : 0
        helper = parallel ? HelperThread() : nil
        self.maxLineBytes = maxLineBytes
        self.redactor = redactor
        self.recorder = recorder
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
        switch event {
        case let .data(source, bytes, arrival):
            let reader = reader(for: source)
            // The source's lock is held until its records are applied or
            // queued behind its earlier batches, so two chunks of one source
            // can never be applied out of order.
            reader.state.withLock { r in
                let batch = r.reader.prepare(bytes, arrival: arrival, rules: rules, helper: helper?.forReaders,
                                             wholeTail: tailCapacity)
                // A bulk batch is applied on the helper thread while this one
                // reads and splits the next chunk (a shared batch must be: the
                // helper completes its records). The bytes are counted with
                // it: taking the watch's lock here would wait for the batch
                // the helper is applying.
                let count = bytes.count
                let bulk = batch.isDeferred || batch.count >= LogReader.sharedBatchMinimum
                apply(after: &r.lastQueued, bulk: bulk) { s in
                    s.bytes += count
                    s.watch.source(source, receivedBytes: count)
                    if batch.count > 0 { batch.withRecords { s.watch.ingest($0) } }
                }
            }
        case let .state(source, sourceState):
            let time = wallClock()
            if sourceState == .ended || isFailure(sourceState),
               let reader = readers.withLock({ $0.removeValue(forKey: source) }) {
                // The source is done: a last line without a newline still counts.
                reader.state.withLock { r in
                    let prepared = r.reader.finishPrepared(arrival: time, rules: rules)
                    apply(after: &r.lastQueued, bulk: false) { s in
                        s.watch.ingest(prepared)
                        s.watch.source(source, state: sourceState, at: time)
                    }
                }
            } else {
                applyInOrder(for: source) { s in s.watch.source(source, state: sourceState, at: time) }
            }
        case let .note(source, text):
            applyInOrder(for: source) { s in s.watch.source(source, note: text) }
        }
        onChange?()
    }

    /// Applies a change of the source's state or note after its records read
    /// so far, which may still be queued on the helper thread.
    private func applyInOrder(for source: String, _ change: @escaping @Sendable (inout State) -> Void) {
        guard let reader = readers.withLock({ $0[source] }) else {
            state.withLock { change(&$0) }
            return
        }
        reader.state.withLock { r in apply(after: &r.lastQueued, bulk: false, change) }
    }

    /// Applies `change` after the source's earlier batches: queued on the
    /// helper thread for a bulk batch, or while one of those is still queued
    /// there; here and now otherwise (a trickle of lines never wakes the helper).
    ///
    /// - Parameter lastQueued: the source's newest ticket on the helper.
    private func apply(after lastQueued: inout Int, bulk: Bool, _ change: @escaping @Sendable (inout State) -> Void) {
        if let helper, bulk || !helper.hasRun(lastQueued) {
            lastQueued = helper.later { self.state.withLock { change(&$0) } }
        } else {
            state.withLock { change(&$0) }
        }
    }

    private func reader(for source: String) -> SourceReader {
        readers.withLock { readers in
            if let reader = readers[source] { return reader }
            let reader = SourceReader(LogReader(source: source, maxLineBytes: maxLineBytes, redactor: redactor))
            readers[source] = reader
            return reader
        }
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
        // What was read before the reset is counted before it.
        helper?.drain()
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
    ///
    /// - Parameter afterFirstEntry: do nothing until an entry has arrived.
    ///   Before one, the log timeline is unknown: "now" set from the wall
    ///   clock would put an old or replayed stream's first minutes in the
    ///   past, outside every window (the dashboard's first frame comes before
    ///   any entry; the supervisor's first tick came a second later).
    func tick(wallTime: Double, afterFirstEntry: Bool = false) {
        state.withLock { s in
            if afterFirstEntry && s.watch.lines.total == 0 { return }
            s.watch.advanceClock(wallTime: wallTime)
        }
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
    /// Every change queued before the call is in it.
    func snapshot() -> State {
        helper?.drain()
        return state.withLock { $0 }
    }

    private func isFailure(_ state: SourceState) -> Bool {
        if case .failed = state { return true }
        return false
    }
}

/// One source's reader and its lock.
final class SourceReader: Sendable {
    struct State: Sendable {
        var reader: LogReader
        /// The helper's ticket for the source's newest queued change.
        var lastQueued = 0
    }

    let state: Mutex<State>
    init(_ reader: LogReader) { state = Mutex(State(reader: reader)) }
}
