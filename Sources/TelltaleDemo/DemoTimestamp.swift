/// Formats seconds since 1970 (UTC) the three ways the backend's logs write time.
///
/// Written out by hand rather than with a date formatter so output is identical on every
/// platform and fast enough to format thousands of lines a second.
struct DemoTimestamp {
    let year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
    /// Microseconds within the second.
    let micros: Int

    init(_ secondsSince1970: Double) {
        let totalMicros = Int64((secondsSince1970 * 1_000_000).rounded())
        var seconds = totalMicros / 1_000_000
        var micros = totalMicros % 1_000_000
        if micros < 0 {
            micros += 1_000_000
            seconds -= 1
        }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        // Civil date from a day count: shift the epoch to 0000-03-01 so leap days fall at
        // the end of a 400-year era's years.
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.year = Int(year)
        self.month = Int(month)
        self.day = Int(day)
        hour = Int(secondOfDay / 3600)
        minute = Int(secondOfDay % 3600 / 60)
        second = Int(secondOfDay % 60)
        self.micros = Int(micros)
    }

    /// `2025-09-15T12:00:05.000000Z` (unified formatter, LogEntry).
    var isoZulu: String { isoBase + "Z" }

    /// `2025-09-15T12:00:30.000000+00:00` (GCP JSON formatter).
    var isoOffset: String { isoBase + "+00:00" }

    /// `2025-09-15T12:40:02.113Z` (the health bodies).
    var isoMillisZulu: String {
        "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2)).\(pad(micros / 1000, 3))Z"
    }

    /// `2025-09-15 12:00:14,010` (Python logging's default).
    var plain: String {
        "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2)) \(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2)),\(pad(micros / 1000, 3))"
    }

    private var isoBase: String {
        "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2)).\(pad(micros, 6))"
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        Self.zeroPadded(value, width: width)
    }

    /// Decimal digits padded with leading zeros to a minimum width.
    static func zeroPadded(_ value: Int, width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
