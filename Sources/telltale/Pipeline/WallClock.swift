import Foundation

/// Wall time in seconds since 1970: the arrival time of lines and the start of
/// health polls. The core never reads a clock; only the wiring does.
func wallClock() -> Double {
    Date().timeIntervalSince1970
}

/// A monotonic clock in seconds, for deadlines that must not jump with NTP.
func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
