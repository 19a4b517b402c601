import Foundation
import Testing
@testable import TelltaleCore

@Suite("TimestampParser")
struct TimestampParserTests {
    static let base = ParsingFixtures.epoch(2025, 9, 15, 12, 0, 14)

    @Test("accepted forms", arguments: [
        ("2025-09-15T12:00:14Z", 0.0),
        ("2025-09-15T12:00:14.000000Z", 0.0),
        ("2025-09-15T12:00:14.250Z", 0.25),
        ("2025-09-15T12:00:14.123456789Z", 0.123456789),
        ("2025-09-15T12:00:14.5+00:00", 0.5),
        ("2025-09-15T17:30:14+05:30", 0.0),
        ("2025-09-15T17:30:14+0530", 0.0),
        ("2025-09-15T07:00:14-05:00", 0.0),
        ("2025-09-15T14:00:14+02", 0.0),
        ("2025-09-15 12:00:14,010", 0.010),
        ("2025-09-15 12:00:14", 0.0),
        ("2025-09-15t12:00:14z", 0.0),
    ])
    func accepted(text: String, offsetFromBase: Double) throws {
        let parsed = try #require(TimestampParser.parse(text))
        #expect(abs(parsed - (Self.base + offsetFromBase)) < 1e-6)
        #expect(TimestampParser.parse(Array(text.utf8)) == parsed)
    }

    @Test("rejected forms", arguments: [
        "2025-13-01T00:00:00Z", "2025-02-30T00:00:00Z", "2025-02-29T00:00:00Z", "2025-04-31T00:00:00Z",
        "2025-00-10T00:00:00Z", "2025-09-15T24:00:00Z", "2025-09-15T12:60:00Z", "2025-09-15T12:00:14.Z",
        "2025-09-15T12:00:14.1234567890Z", "2025-09-15T12:00:14+5:30", "2025-09-15T12:00:14 trailing",
        "2025-09-15", "not a time", "", "2025/09/15 12:00:14", "2025-09-15X12:00:14Z",
    ])
    func rejected(text: String) {
        #expect(TimestampParser.parse(text) == nil)
    }

    /// Every length of fraction, with every kind of byte after it, read the
    /// way a digit-by-digit loop reads it (the word-at-a-time path takes runs
    /// of up to seven digits followed by something else, inside eight bytes).
    @Test func everyFractionLengthReadsAsItsDigits() throws {
        for length in 0...10 {
            let digits = String("9081726354".prefix(length))
            for tail in ["Z", "+00:00", "", "Z  ", "x", ",5Z", "\u{7F}ab", "\u{E9}Z"] {
                let text = "2025-09-15T12:00:14." + digits + tail
                let valid = (1...9).contains(length) && ["Z", "+00:00", ""].contains(tail)
                let parsed = TimestampParser.parse(text)
                #expect((parsed != nil) == valid, "\(text)")
                if let parsed {
                    #expect(abs(parsed - (Self.base + Double("0." + digits)!)) < 1e-7, "\(text)")
                }
            }
        }
    }

    @Test func theWordReaderFindsTheRunOfDigitsAtTheStartOfAWord() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let alphabet = Array("0123456789/:.Z+ \u{0}".utf8) + [0x8A, 0xB9, 0xFF, 0x2F, 0x3A]
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<8 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                // Digits three times in four, so that long runs occur.
                let pick = Int(state >> 33)
                bytes.append(pick % 4 == 0 ? alphabet[(pick / 4) % alphabet.count] : UInt8(0x30 + (pick / 4) % 10))
            }
            let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            let run = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }
            let expected = run.count == 8 ? nil : (run.reduce(0) { $0 * 10 + Int($1 - 0x30) }, run.count)
            let actual = TimestampParser.shortDigitRun(word)
            #expect(actual?.value == expected?.0 && actual?.count == expected?.1, "\(bytes)")
        }
    }

    /// One cache across a stream of timestamps gives what parsing each alone
    /// gives: same hour, same second with other fractions and offsets, next
    /// hour, next day at the same clock time, bad minutes after a good line.
    @Test func aCachedHourChangesNoResult() {
        let stream = [
            "2025-09-15T12:00:14Z", "2025-09-15T12:59:59.999Z", "2025-09-15T12:60:00Z", "2025-09-15T12:00:14+02:00",
            "2025-09-15T13:00:00Z", "2025-09-15 13:00:00,5", "2025-09-15T13:0x:00Z", "2025-09-16T13:00:00Z",
            "2025-02-29T13:00:00Z", "2025-09-16T13:00:00Z", "2025-09-16T13", "2025-09-16T13:00:00 trailing",
            "2024-02-29T00:00:00Z", "2024-02-29T00:00:01Z", "2025-09-15t12:00:14z", "2025-09-15T12:00:14Z",
            "2025-09-15T12:00:14.5Z", "2025-09-15T12:00:14.250+01:00", "2025-09-15T12:00:14,9", "2025-09-16T12:00:14Z",
            "2025-09-16T12:00:14.000001-0530", "2025-09-16T12:00:1xZ", "2025-09-16T12:00:14Z",
        ]
        var cache = TimestampParser.Cache()
        for text in stream {
            let bytes = Array(text.utf8)
            let cached = bytes.withUnsafeBufferPointer { TimestampParser.parse(buffer: $0, cache: &cache) }
            #expect(cached == TimestampParser.parse(text), "\(text)")
        }
    }

    @Test("civil dates across eras and leap years", arguments: [
        (1970, 1, 1), (1969, 12, 31), (2000, 2, 29), (2024, 2, 29), (2100, 3, 1), (1900, 1, 1), (2038, 1, 19), (2400, 2, 29),
    ])
    func civil(year: Int, month: Int, day: Int) throws {
        let text = String(format: "%04d-%02d-%02dT06:07:08Z", year, month, day)
        #expect(TimestampParser.parse(text) == ParsingFixtures.epoch(year, month, day, 6, 7, 8))
    }

    @Test("epoch numbers in any unit", arguments: [
        (1757939142.318, 1757939142.318), (1757939142318, 1757939142.318),
        (1757939142318000, 1757939142.318), (1.757939142318e18, 1757939142.318),
    ])
    func epochUnits(value: Double, seconds: Double) throws {
        let parsed = try #require(TimestampParser.epochSeconds(value))
        #expect(abs(parsed - seconds) < 1e-3)
    }
}
