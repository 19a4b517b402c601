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
    }
}
