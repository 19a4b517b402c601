/// Reads the timestamps log lines carry into seconds since 1970.
///
/// Written by hand over bytes because it runs on every entry: Foundation's date
/// formatters cost microseconds a call. Accepts ISO 8601 / RFC 3339 with `T` or a
/// space between date and time, 0 to 9 fractional digits after `.` or `,` (the
/// Python logging form `2025-09-15 12:00:14,010`), and `Z`, `±hh:mm`, `±hhmm`,
/// `±hh` or no offset at all (taken as UTC). Impossible dates (month 13,
/// February 30) are nil rather than silently rolled over.
public enum TimestampParser {
    /// Parses a timestamp from bytes; nil when they are not exactly one timestamp.
    public static func parse(_ bytes: some Collection<UInt8>) -> Double? {
        if let result = bytes.withContiguousStorageIfAvailable({ parse(buffer: $0) }) {
            return result
        }
        return Array(bytes).withUnsafeBufferPointer { parse(buffer: $0) }
    }

    /// Parses a timestamp from text; nil when it is not exactly one timestamp.
    public static func parse(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { parse(buffer: $0) }
    }

    /// Parses a number of seconds (or milliseconds, microseconds, nanoseconds, told
    /// apart by magnitude) since 1970, as JSON loggers write epoch times.
    public static func epochSeconds(_ value: Double) -> Double? {
        guard value.isFinite, value >= 0 else { return nil }
        // 1e11 seconds is the year 5138: anything larger is a finer unit.
        if value < 1e11 { return value }
        if value < 1e14 { return value / 1e3 }
        if value < 1e17 { return value / 1e6 }
        return value / 1e9
    }

    /// The hour and the second the last timestamp fell in: a log's
    /// timestamps share their date and hour with the line before nearly
    /// always, and their second most of the time (a busy stream writes
    /// hundreds of lines a second), so those bytes are compared, not read
    /// again.
    struct Cache: Sendable {
        /// Bytes 0..<8 and 5..<13 of the last timestamp (`2025-09-15T12`).
        fileprivate var head: UInt64 = 0
        fileprivate var tail: UInt64 = 0
        /// Seconds from 1970 to the start of that hour; nil before the first.
        fileprivate var hourStart: Int?
        /// Bytes 11..<19 of the last timestamp (`12:00:00`), and the seconds
        /// from the start of its hour; nil when it was not read.
        fileprivate var clock: UInt64 = 0
        fileprivate var secondOfHour: Int?

        init() {}
    }

    static func parse(buffer p: UnsafeBufferPointer<UInt8>) -> Double? {
        var cache = Cache()
        return parse(buffer: p, cache: &cache)
    }

    /// `parse(buffer:)`, remembering the date and hour in `cache`.
    static func parse(buffer p: UnsafeBufferPointer<UInt8>, cache: inout Cache) -> Double? {
        let n = p.count
        guard n >= 19, let base = p.baseAddress else { return nil }
        @inline(__always) func digits(_ at: Int, _ count: Int) -> Int? {
            var value = 0
            for i in at..<(at + count) {
                let d = Int(p[i]) &- 0x30
                guard d >= 0, d <= 9 else { return nil }
                value = value * 10 + d
            }
            return value
        }
        let raw = UnsafeRawPointer(base)
        let head = raw.loadUnaligned(as: UInt64.self)
        let tail = raw.loadUnaligned(fromByteOffset: 5, as: UInt64.self)
        let hourStart: Int
        if let cached = cache.hourStart, head == cache.head, tail == cache.tail {
            hourStart = cached
        } else {
            guard let year = digits(0, 4), p[4] == UInt8(ascii: "-"),
                  let month = digits(5, 2), p[7] == UInt8(ascii: "-"),
                  let day = digits(8, 2),
                  p[10] == UInt8(ascii: "T") || p[10] == UInt8(ascii: " ") || p[10] == UInt8(ascii: "t"),
                  let hour = digits(11, 2),
                  month >= 1, month <= 12, day >= 1, day <= daysIn(month: month, year: year), hour <= 23
            else { return nil }
            hourStart = daysSince1970(year: year, month: month, day: day) * 86400 + hour * 3600
            cache = Cache()
            cache.head = head
            cache.tail = tail
            cache.hourStart = hourStart
        }
        let clock = raw.loadUnaligned(fromByteOffset: 11, as: UInt64.self)
        let secondOfHour: Int
        if let cached = cache.secondOfHour, clock == cache.clock {
            secondOfHour = cached
        } else {
            guard p[13] == UInt8(ascii: ":"), let minute = digits(14, 2), p[16] == UInt8(ascii: ":"),
                  let second = digits(17, 2), minute <= 59, second <= 60
            else { return nil }
            secondOfHour = minute * 60 + second
            cache.clock = clock
            cache.secondOfHour = secondOfHour
        }
        var i = 19
        var fraction = 0.0
        if i < n, p[i] == UInt8(ascii: ".") || p[i] == UInt8(ascii: ",") {
            i += 1
            let start = i
            var scaled = 0
            // The eight bytes from `i`, or, nearer the end (`.001000Z` is
            // seven), the last eight moved down so that zero lanes, no
            // digits, follow the timestamp's last byte.
            let word: UInt64? = n - i >= 8 ? raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                : i < n ? raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) &>> UInt64(8 * (8 - (n - i))) : nil
            if let word, let (value, count) = shortDigitRun(word) {
                scaled = value
                i += count
            } else {
                while i < n, p[i] >= 0x30, p[i] <= 0x39, i - start < 9 {
                    scaled = scaled * 10 + Int(p[i] - 0x30)
                    i += 1
                }
                if i < n, p[i] >= 0x30, p[i] <= 0x39 { return nil }
            }
            guard i > start else { return nil }
            fraction = Double(scaled) / powersOfTen[i - start]
        }
        var offset = 0
        if i < n {
            switch p[i] {
            case UInt8(ascii: "Z"), UInt8(ascii: "z"):
                i += 1
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                let sign = p[i] == UInt8(ascii: "-") ? -1 : 1
                i += 1
                guard i + 2 <= n, let oh = digits(i, 2) else { return nil }
                i += 2
                var om = 0
                if i < n {
                    if p[i] == UInt8(ascii: ":") { i += 1 }
                    guard i + 2 <= n, let m = digits(i, 2) else { return nil }
                    om = m
                    i += 2
                }
                guard oh <= 23, om <= 59 else { return nil }
                offset = sign * (oh * 3600 + om * 60)
            default:
                return nil
            }
        }
        guard i == n else { return nil }
        let whole = hourStart + secondOfHour - offset
        return Double(whole) + fraction
    }

    private static let powersOfTen: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]

    /// The value and length of the run of digits that `word` (eight bytes,
    /// the first in its low byte) starts with, when a byte other than a digit
    /// ends it inside the word; nil when all eight are digits (the caller
    /// reads those a byte at a time).
    ///
    /// Every entry's fraction of a second (`.001000`) costs a few operations
    /// on the word instead of a multiply and two comparisons a digit.
    static func shortDigitRun(_ word: UInt64) -> (value: Int, count: Int)? {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let digits = word ^ (ones &* 0x30)
        // A lane's high bit is set when its byte is not a digit: 0...9 stay
        // below 0x80 when 0x76 is added, and so does nothing else. Carries
        // only run into later lanes, which do not count once one is set.
        let notDigit = (digits &+ ones &* 0x76 | digits) & (ones &* 0x80)
        guard notDigit != 0 else { return nil }
        let count = notDigit.trailingZeroBitCount / 8
        guard count > 0 else { return (0, 0) }
        // The digits moved to the top lanes, zeros before them: the first
        // digit is then the most significant of eight, read in three steps
        // that each join neighbouring lanes.
        var value = digits << UInt64(8 * (8 - count))
        value = (value &* 10 &+ (value &>> 8)) & 0x00FF_00FF_00FF_00FF
        value = (value &* 100 &+ (value &>> 16)) & 0x0000_FFFF_0000_FFFF
        value = (value &* 10000 &+ (value &>> 32)) & 0xFFFF_FFFF
        return (Int(value), count)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date.
    ///
    /// Counts from a year that starts in March, so the leap day is the last day of
    /// the counting year and month lengths follow a fixed 153-days-per-5-months
    /// pattern; 400-year eras of 146097 days keep the arithmetic in small integers.
    static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let marchYear = month <= 2 ? year - 1 : year
        let era = (marchYear >= 0 ? marchYear : marchYear - 399) / 400
        let yearOfEra = marchYear - era * 400
        let marchMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * marchMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        // 719468 days separate 0000-03-01 from 1970-01-01.
        return era * 146097 + dayOfEra - 719468
    }
}
