import Testing
@testable import TelltaleCore

@Suite("Severity")
struct SeverityTests {
    @Test("every spelling maps onto Cloud Logging's scale", arguments: [
        ("DEFAULT", Severity.default), ("debug", .debug), ("TRACE", .debug), ("Info", .info),
        ("NOTICE", .notice), ("WARNING", .warning), ("WARN", .warning), ("warn", .warning),
        ("ERROR", .error), ("error", .error), ("CRITICAL", .critical), ("FATAL", .critical),
        ("fatal", .critical), ("ALERT", .alert), ("EMERGENCY", .emergency),
    ])
    func spelling(text: String, expected: Severity) {
        #expect(Severity(parsing: text) == expected)
    }

    @Test func unknownWordsAreNotSeverities() {
        #expect(Severity(parsing: "WARNINGS") == nil)
        #expect(Severity(parsing: "") == nil)
        #expect(Severity(parsing: "VERYLONGWORDINDEED") == nil)
    }

    @Test func orderFollowsCloudLogging() {
        #expect(Severity.warning < .error)
        #expect(Severity.default < .debug)
        #expect(Severity.critical >= .warning)
    }
}
