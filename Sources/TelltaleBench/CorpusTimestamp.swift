/// Formats a millisecond instant the three ways the backend writes time, straight
/// into a byte buffer.
///
/// The generator writes millions of lines; going through Foundation's date
/// formatters would make the corpus slower to write than telltale is to read.
struct CorpusTimestamp {
    let year: Int, month: Int, day: Int
    let hour: Int, minute: Int, second: Int, millisecond: Int

    init(milliseconds: Int64) {
        let ms = Int(milliseconds)
        let days = ms.floorDivided(by: 86_400_000)
        let inDay = ms - days * 86_400_000
        (year, month, day) = CorpusTimestamp.civil(daysSince1970: days)
        hour = inDay / 3_600_000
        minute = inDay / 60_000 % 60
        second = inDay / 1000 % 60
        millisecond = inDay % 1000
    }

    /// `2025-09-15T12:00:05.123000Z` (unified formatter, Cloud Logging).
    func appendZulu(to out: inout [UInt8]) {
        appendDateTime(separator: UInt8(ascii: "T"), to: &out)
        out.append(UInt8(ascii: "."))
        appendDigits(millisecond, width: 3, to: &out)
        out.append(contentsOf: "000Z".utf8)
    }

    /// `2025-09-15T12:00:05.123000+00:00` (the app's JSON formatter).
    func appendOffset(to out: inout [UInt8]) {
        appendDateTime(separator: UInt8(ascii: "T"), to: &out)
        out.append(UInt8(ascii: "."))
        appendDigits(millisecond, width: 3, to: &out)
        out.append(contentsOf: "000+00:00".utf8)
    }

    /// `2025-09-15 12:00:05,123` (plain text).
    func appendPlain(to out: inout [UInt8]) {
        appendDateTime(separator: 0x20, to: &out)
        out.append(UInt8(ascii: ","))
        appendDigits(millisecond, width: 3, to: &out)
    }

    private func appendDateTime(separator: UInt8, to out: inout [UInt8]) {
        appendDigits(year, width: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        appendDigits(month, width: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        appendDigits(day, width: 2, to: &out)
        out.append(separator)
        appendDigits(hour, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendDigits(minute, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendDigits(second, width: 2, to: &out)
    }

    private func appendDigits(_ value: Int, width: Int, to out: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            out.append(UInt8(48 + rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }

    /// Year, month, day of a day count since 1970-01-01 (proleptic Gregorian,
    /// counted in 400-year eras of 146,097 days from 0000-03-01).
    static func civil(daysSince1970: Int) -> (Int, Int, Int) {
        let z = daysSince1970 + 719_468
        let era = z.floorDivided(by: 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}

extension Int {
    /// Division rounding toward minus infinity (instants before 1970 stay correct).
    fileprivate func floorDivided(by divisor: Int) -> Int {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }
}
