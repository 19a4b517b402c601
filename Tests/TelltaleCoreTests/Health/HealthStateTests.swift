import Testing
@testable import TelltaleCore

@Suite("HealthState")
struct HealthStateTests {
    @Test("the worst of several states ignores unknown", arguments: [
        ([HealthState](), HealthState.unknown), ([.unknown, .unknown], .unknown),
        ([.unknown, .healthy], .healthy), ([.healthy, .degraded, .healthy], .degraded),
        ([.degraded, .down, .unknown], .down), ([.down, .healthy], .down),
    ])
    func worst(states: [HealthState], expected: HealthState) {
        #expect(HealthState.worst(states) == expected)
    }

    @Test func orderedByBadness() {
        #expect([HealthState.down, .healthy, .unknown, .degraded].sorted() == [.unknown, .healthy, .degraded, .down])
    }
}
