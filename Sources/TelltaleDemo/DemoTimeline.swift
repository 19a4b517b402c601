import Synchronization

/// The running story of one server: the script, a monotonic clock scaled by the speed, and
/// the backlog of every line emitted so far.
///
/// The backlog is filled lazily up to the current simulated time whenever someone asks,
/// so an idle server does no work and every client sees the same numbered lines. It keeps
/// about the latest `backlogLimit` lines: a demo left running at high speed must not grow without
/// bound, and a client resuming from a forgotten index continues at the oldest kept line.
final class DemoTimeline: Sendable {
    let script: DemoScript
    let speed: Double
    /// Wall seconds since the story started: a monotonic clock, or a test's manual one.
    private let wallElapsed: @Sendable () -> Double
    private let backlog = Mutex(Backlog())

    private struct Backlog {
        var lines: [String] = []
        /// Index (in the whole story) of `lines[0]`.
        var firstIndex = 0
        var generatedUntil = 0.0
    }

    let backlogLimit: Int

    init(script: DemoScript, speed: Double, backlogLimit: Int = 500_000, wallElapsed: (@Sendable () -> Double)? = nil) {
        self.script = script
        self.backlogLimit = backlogLimit
        self.speed = speed
        if let wallElapsed {
            self.wallElapsed = wallElapsed
        } else {
            let origin = ContinuousClock.now
            self.wallElapsed = {
                let elapsed = ContinuousClock.now - origin
                return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            }
        }
    }

    /// Simulated seconds since start: wall seconds on the monotonic clock times the speed.
    var simulatedNow: Double {
        wallElapsed() * speed
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
        return backlog.withLock { $0.firstIndex + $0.lines.count }
    }

    /// Lines from story index `index` on (or from the oldest kept line), up to `limit` of
    /// them, after catching up with the clock.
    func lines(from index: Int, limit: Int = 2_000) -> (firstIndex: Int, lines: [String]) {
        catchUp()
        return backlog.withLock { backlog in
            let start = max(index, backlog.firstIndex)
            let offset = start - backlog.firstIndex
            guard offset < backlog.lines.count else { return (start, []) }
            return (start, Array(backlog.lines[offset..<min(backlog.lines.count, offset + limit)]))
        }
    }

    private func catchUp() {
        let now = simulatedNow
        backlog.withLock { backlog in
            guard now > backlog.generatedUntil else { return }
            for event in script.events(from: backlog.generatedUntil, to: now) {
                if let line = event.logLine { backlog.lines.append(line.text) }
            }
            // Trimmed in steps of a tenth, so the shift is paid rarely.
            let excess = backlog.lines.count - backlogLimit
            if excess > backlogLimit / 10 {
                backlog.lines.removeFirst(excess)
                backlog.firstIndex += excess
            }
            backlog.generatedUntil = now
        }
    }
}
