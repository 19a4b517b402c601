/// How long to wait before restarting a command that exited while followed.
///
/// Doubling from 1 s up to 30 s keeps a crash-looping command from burning the
/// CPU, while a command that ran healthily for a minute is treated as a fresh
/// start, so one exit after hours of streaming is retried after a second.
/// A pure value: tests drive it with run durations instead of sleeping.
struct RestartBackoff: Sendable, Equatable {
    static let initialDelay = 1.0
    static let maximumDelay = 30.0
    /// A run at least this long resets the delay to `initialDelay`.
    static let healthyRun = 60.0

    private var nextDelay = RestartBackoff.initialDelay

    /// The delay before the next start, given how long the last run lasted.
    mutating func delay(afterRunningFor seconds: Double) -> Double {
        if seconds >= Self.healthyRun {
            nextDelay = Self.initialDelay
        }
        let delay = nextDelay
        nextDelay = min(nextDelay * 2, Self.maximumDelay)
        return delay
    }
}
