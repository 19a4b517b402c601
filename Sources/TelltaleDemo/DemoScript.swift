/// The scripted staging deploy, pure and deterministic for a seed.
///
/// The story, in simulated seconds: revision `…-00642-9vv` starts (0 s), its database
/// initialization times out (8 s), Cloud Run restarts it and it fails again (20 s, 28 s), it
/// recovers (40 s) and serves traffic full of WebSocket duplication warnings, mostly for
/// `demo-user-001`; revision `…-00643-k2d` is deployed (150 s) and from then on no
/// duplication names `demo-user-001`. Traffic after the deploy goes on forever.
///
/// Any window can be asked for on its own: each simulated second is generated from its own
/// seeded stream, so `events(from: a, to: b) + events(from: b, to: c)` equals
/// `events(from: a, to: c)`.
public struct DemoScript: Sendable {
    public let seed: UInt64
    /// Seconds since 1970 of simulated time zero; log timestamps are `start + simulated seconds`.
    public let start: Double

    private let scripted: [DemoEntry]
    private let traffic: DemoTraffic
    private let formatter: DemoLogFormatter

    /// - Parameters:
    ///   - seed: Chooses the traffic; the same seed always yields the same lines.
    ///   - start: Seconds since 1970 that simulated time zero maps to in log timestamps.
    public init(seed: UInt64, start: Double) {
        self.seed = seed
        self.start = start
        scripted = DemoStory.entries(seed: seed)
        traffic = DemoTraffic(seed: seed)
        formatter = DemoLogFormatter(start: start)
    }

    /// Simulated second at which the new revision starts serving.
    public static let deployTime = DemoStory.deployTime

    /// Every event with `from <= simulatedTime < to`, in order (a phase change before log
    /// lines of the same instant).
    public func events(from: Double, to: Double) -> [DemoEvent] {
        var events: [DemoEvent] = []
        for change in DemoStory.phaseChanges where change.time >= from && change.time < to {
            events.append(DemoEvent(simulatedTime: change.time, kind: .phaseChange(change.phase)))
        }
        for entry in entries(from: from, to: to) {
            let line = formatter.line(for: entry, revision: revision(at: entry.time))
            events.append(DemoEvent(simulatedTime: entry.time, kind: .logLine(line)))
        }
        // Phase changes were appended first, so a stable merge by time keeps them ahead of
        // lines at the same instant.
        return events.enumerated()
            .sorted { ($0.element.simulatedTime, $0.offset) < ($1.element.simulatedTime, $1.offset) }
            .map(\.element)
    }

    /// The phase the health endpoints answer for at a simulated time.
    public func phase(at simulatedTime: Double) -> DemoPhase {
        DemoStory.phase(at: simulatedTime)
    }

    /// The Cloud Run revision serving at a simulated time.
    public func revision(at simulatedTime: Double) -> String {
        simulatedTime < DemoStory.deployTime ? DemoLogFormatter.firstRevision : DemoLogFormatter.secondRevision
    }

    /// Exact counts of what the script emits in `0 ..< upTo` simulated seconds.
    public func groundTruth(upTo: Double) -> DemoGroundTruth {
        var truth = DemoGroundTruth(upTo: upTo, phase: phase(at: upTo))
        if upTo > DemoStory.deployTime {
            truth.deployTime = start + DemoStory.deployTime
        }
        for entry in entries(from: 0, to: upTo) {
            truth.record(entry, revision: revision(at: entry.time), afterDeploy: entry.time >= DemoStory.deployTime)
        }
        return truth
    }

    /// Script entries with `from <= time < to`, sorted by time.
    func entries(from: Double, to: Double) -> [DemoEntry] {
        let lower = max(0, from)
        guard to > lower else { return [] }
        var result: [DemoEntry] = []
        let firstSecond = Int(lower.rounded(.down))
        let lastSecond = Int(to.rounded(.up)) - 1
        guard lastSecond >= firstSecond else { return [] }
        for second in firstSecond...lastSecond {
            let secondStart = Double(second)
            var bucket = scripted.filter { $0.time >= secondStart && $0.time < secondStart + 1 }
            bucket += traffic.entries(inSecond: second)
            result += bucket.enumerated()
                .sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
                .map(\.element)
                .filter { $0.time >= lower && $0.time < to }
        }
        return result
    }
}
