import Testing
@testable import TelltaleCore

@Suite("TimeText")
struct TimeTextTests {
    @Test func formatsUTC() {
        let t = 1_757_938_803.1  // 2025-09-15 12:20:03.100 UTC
        #expect(TimeText.iso8601(t) == "2025-09-15T12:20:03.100Z")
        #expect(TimeText.dateTime(t) == "2025-09-15 12:20:03")
        #expect(TimeText.clock(t) == "12:20:03")
        #expect(TimeText.clockMillis(t) == "12:20:03.100")
    }

    @Test func leapDaysAndTheEpoch() {
        #expect(TimeText.iso8601(0) == "1970-01-01T00:00:00.000Z")
        #expect(TimeText.dateTime(951_782_400) == "2000-02-29 00:00:00")
        #expect(TimeText.dateTime(-1) == "1969-12-31 23:59:59")
    }

    @Test func agreesWithTheTimestampParser() {
        for text in ["2025-09-15T12:00:05.250Z", "2024-02-29T23:59:59.999Z", "2031-12-31T00:00:00.000Z"] {
            #expect(TimeText.iso8601(TimestampParser.parse(text)!) == text)
        }
    }

    @Test func refusesNonsenseWithoutCrashing() {
        #expect(TimeText.clock(.nan) == "??:??:??")
        #expect(TimeText.clock(.infinity) == "??:??:??")
        #expect(TimeText.clockMillis(-.infinity) == "??:??:??.000")
        #expect(TimeText.clock(2e13) == "??:??:??")
    }

    /// The clock forms are written byte by byte; the ISO form still goes
    /// through the civil-date split. They must show the same time of day,
    /// before 1970 too, at every second and millisecond boundary.
    @Test("the clock forms agree with the ISO form", arguments: [-3_000_000_000.0, -1.0005, 0, 59.999, 86_399.9995, 1_757_938_803.1, 9e12])
    func clockAgreesWithISO(from start: Double) {
        var t = start
        var step = 0.0007
        for _ in 0..<3_000 {
            let iso = TimeText.iso8601(t)
            let time = iso.split(separator: "T")[1].dropLast()  // hh:mm:ss.mmm
            #expect(TimeText.clockMillis(t) == String(time), "\(t)")
            #expect(TimeText.clock(t) == String(time.prefix(8)), "\(t)")
            t += step
            step *= 1.004
        }
    }
}
