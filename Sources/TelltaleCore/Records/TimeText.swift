/// Writes log times (seconds since 1970, UTC) as people read them.
///
/// Hand-written civil-date arithmetic: reports and the dashboard format many
/// times per frame, and Foundation's formatters are slow and locale-dependent.
/// Everything is UTC, like the backend's logs.
public enum TimeText {
    /// `2025-09-15T12:20:03.100Z`: for JSON and machine-readable output.
    public static func iso8601(_ t: Double) -> String {
        let (date, time, millis) = split(t)
        return "\(date)T\(time).\(pad(millis, 3))Z"
    }

    /// `2025-09-15 12:20:03`: for reports.
    public static func dateTime(_ t: Double) -> String {
        let (date, time, _) = split(t)
        return "\(date) \(time)"
    }

    /// `12:20:03`: for tables and the dashboard.
    public static func clock(_ t: Double) -> String {
        guard t.isFinite, abs(t) < 1e13 else { return "??:??:??" }
        let (_, second, _) = parts(t)
        return digits(second: second, millis: nil)
    }

    /// `12:20:03.100`: for log lines.
    public static func clockMillis(_ t: Double) -> String {
        guard t.isFinite, abs(t) < 1e13 else { return "??:??:??.000" }
        let (_, second, millis) = parts(t)
        return digits(second: second, millis: millis)
    }

    /// The UTC day (since 1970-01-01), the second of that day and the
    /// millisecond of `t` (finite), rounded down, before 1970 too.
    private static func parts(_ t: Double) -> (day: Int64, second: Int, millis: Int) {
        let totalMillis = Int64((t * 1000).rounded(.down))
        var seconds = totalMillis / 1000
        var millis = Int(totalMillis % 1000)
        if millis < 0 { millis += 1000; seconds -= 1 }
        var day = seconds / 86400
        var second = seconds % 86400
        if second < 0 { second += 86400; day -= 1 }
        return (day, Int(second), millis)
    }

    /// `hh:mm:ss` or `hh:mm:ss.mmm` written byte by byte into a string of at
    /// most 12 bytes (held inline, no allocation): the dashboard writes a few
    /// dozen of these every frame, once a second even when nothing happens,
    /// and interpolating padded numbers cost as much as the rest of a panel.
    private static func digits(second: Int, millis: Int?) -> String {
        String(unsafeUninitializedCapacity: 12) { bytes in
            func two(_ n: Int, at i: Int) {
                bytes[i] = UInt8(truncatingIfNeeded: 0x30 + n / 10)
                bytes[i + 1] = UInt8(truncatingIfNeeded: 0x30 + n % 10)
            }
            two(second / 3600, at: 0)
            bytes[2] = UInt8(ascii: ":")
            two(second % 3600 / 60, at: 3)
            bytes[5] = UInt8(ascii: ":")
            two(second % 60, at: 6)
            guard let millis else { return 8 }
            bytes[8] = UInt8(ascii: ".")
            bytes[9] = UInt8(truncatingIfNeeded: 0x30 + millis / 100)
            two(millis % 100, at: 10)
            return 12
        }
    }

    private static func split(_ t: Double) -> (date: String, time: String, millis: Int) {
        guard t.isFinite, abs(t) < 1e13 else { return ("????-??-??", "??:??:??", 0) }
        let (day, second, millis) = parts(t)
        let (y, m, d) = civil(fromDays: day)
        return ("\(pad(Int(y), 4))-\(pad(m, 2))-\(pad(d, 2))", digits(second: second, millis: nil), millis)
    }

    /// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's
    /// algorithm, from its published description).
    static func civil(fromDays z0: Int64) -> (year: Int64, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = Int(doy - (153 * mp + 2) / 5 + 1)
        let m = Int(mp < 10 ? mp + 3 : mp - 9)
        return (m <= 2 ? y + 1 : y, m, d)
    }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
