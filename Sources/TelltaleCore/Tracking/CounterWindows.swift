/// The two sliding windows every counter keeps besides its total.
///
/// `short` is the "right now" view (default 1 min), `long` the validation window
/// (default 15 min, the "in the past 15 minutes" of the deploy report; `--window`
/// sets it). Windows are measured in log time, never wall time, so a recorded
/// file gives the same answer as the live stream.
public struct CounterWindows: Sendable, Equatable {
    public var short: Double
    public var long: Double

    public init(short: Double = 60, long: Double = 900) {
        self.short = short
        self.long = max(long, short)
    }
}
