import Synchronization

/// The running story of one server: the script, a monotonic clock scaled by the speed, and
/// the backlog of every line emitted so far.
///
/// The backlog is filled lazily up to the current simulated time whenever someone asks,
/// so an idle server does no work and every client sees the same numbered lines.
final class DemoTimeline: Sendable {
    let script: DemoScript
    let speed: Double
    private let origin: ContinuousClock.Instant
    private let backlog = Mutex(Backlog())

    private struct Backlog {
        var lines: [String] = []
        var generatedUntil = 0.0
    }

    init(script: DemoScript, speed: Double) {
        self.script = script
        self.speed = speed
        origin = ContinuousClock.now
    }

    /// Simulated seconds since start: wall seconds on the monotonic clock times the speed.
    var simulatedNow: Double {
        let elapsed = ContinuousClock.now - origin
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return seconds * speed
    }

    /// The log time (seconds since 1970) matching the current simulated time.
    var logNow: Double {
        script.start + simulatedNow
    }

    var phase: DemoPhase {
        script.phase(at: simulatedNow)
    }

    /// Lines emitted so far.
    var lineCount: Int {
        catchUp()
        return backlog.withLock { $0.lines.count }
    }

    /// Lines from `index` on, up to `limit` of them, after catching up with the clock.
    func lines(from index: Int, limit: Int = 2_000) -> [String] {
        catchUp()
        return backlog.withLock { backlog in
            guard index < backlog.lines.count else { return [] }
            let start = max(0, index)
            return Array(backlog.lines[start..<min(backlog.lines.count, start + limit)])
        }
    }

    private func catchUp() {
        let now = simulatedNow
        backlog.withLock { backlog in
            guard now > backlog.generatedUntil else { return }
            for event in script.events(from: backlog.generatedUntil, to: now) {
                if let line = event.logLine { backlog.lines.append(line.text) }
            }
            backlog.generatedUntil = now
        }
    }
}
