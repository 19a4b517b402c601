#if canImport(Glibc)
import Glibc
#endif

/// Wall-clock time in seconds since 1970, the unit every `SourceEvent` carries.
///
/// Read through one function so that every source stamps arrivals the same way.
enum WallClock {
    static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1_000_000_000
    }
}
