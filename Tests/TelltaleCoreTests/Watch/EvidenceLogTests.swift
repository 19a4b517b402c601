import Testing
@testable import TelltaleCore

/// The evidence ring keeps the newest entries, oldest first, whether they
/// came as records or as the shared records of whole entries.
@Suite("EvidenceLog")
struct EvidenceLogTests {
    @Test func keepsTheNewestInOrderAcrossTheRingsTurns() {
        var log = EvidenceLog(capacity: 8)
        for n in 1...20 {
            let record = LogRecord(severity: .warning, message: "line \(n)")
            if n % 2 == 0 {
                log.append(record)
            } else {
                log.append(shared: PreparedRecord.Whole(record: record, matches: []))
            }
            let expected = (max(1, n - 7)...n).map { "line \($0)" }
            #expect(log.records.map(\.message) == expected, "after \(n)")
        }
    }

    /// A whole entry kept in two logs is one record, read the same from both.
    @Test func aSharedEntryReadsTheSameFromEveryLog() {
        let entry = PreparedRecord.Whole(record: LogRecord(severity: .warning, message: "shared"), matches: [])
        var first = EvidenceLog(capacity: 2), second = EvidenceLog(capacity: 3)
        first.append(shared: entry)
        second.append(shared: entry)
        #expect(first.records == second.records)
        #expect(first.records.first?.message == "shared")
    }
}
