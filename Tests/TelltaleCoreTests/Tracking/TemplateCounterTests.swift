import Testing
@testable import TelltaleCore

@Suite("TemplateCounter")
struct TemplateCounterTests {
    static let base = 1_757_937_600.0

    @Test func groupsByTemplateAndSortsByCount() {
        var counter = TemplateCounter(windows: CounterWindows())
        counter.record(message: "SSOT VALIDATION: Multiple manager instances for user demo-user-001 - potential duplication", at: Self.base)
        counter.record(message: "SSOT VIOLATION: Multiple manager instances for user demo-user-026", at: Self.base + 1)
        counter.record(message: "SSOT VALIDATION: Multiple manager instances for user demo-user-037 - potential duplication", at: Self.base + 5)
        counter.record(message: "SSOT VALIDATION: Multiple manager instances for user demo-user-002 - potential duplication", at: Self.base + 3)
        let templates = counter.templates(now: Self.base + 5)
        #expect(counter.total == 4)
        #expect(templates.map(\.count) == [3, 1])
        #expect(templates[0].template == "SSOT VALIDATION: Multiple manager instances for user <id> - potential duplication")
        #expect(templates[0].example.contains("demo-user-037"))
        #expect(templates[0].lastSeen == Self.base + 5)
        #expect(templates[1].template == "SSOT VIOLATION: Multiple manager instances for user <id>")
    }

    @Test func trendHasFifteenMinutesOldestFirst() {
        var counter = TemplateCounter(windows: CounterWindows(short: 60, long: 900))
        let now = Self.base + 3_600
        for minutesAgo in [0, 0, 1, 5, 14, 20] {
            counter.record(message: "Cache deduplication hit for user demo-user-013", at: now - Double(minutesAgo * 60))
        }
        let stats = counter.templates(now: now)[0]
        var expected = [Int](repeating: 0, count: 15)
        expected[14] = 2
        expected[13] = 1
        expected[9] = 1
        expected[0] = 1
        #expect(stats.trend == expected)
        #expect(stats.count == 6)
        #expect(stats.short == 2)
        #expect(stats.long == 5)
    }

    @Test func overflowKeepsTheTotalExact() {
        var counter = TemplateCounter(windows: CounterWindows(), capacity: 3)
        let messages = ["alpha one", "beta two", "gamma three", "delta four", "epsilon five", "alpha one"]
        for (index, message) in messages.enumerated() { counter.record(message: message, at: Self.base + Double(index)) }
        let templates = counter.templates(now: Self.base + 10)
        #expect(counter.total == messages.count)
        #expect(templates.map(\.count).reduce(0, +) == messages.count)
        #expect(templates.count == 4)
        #expect(templates.first { $0.template == TemplateCounter.otherTemplates }?.count == 2)
        #expect(templates.first { $0.template == "alpha one" }?.count == 2)
    }

    @Test func sinceDeployAndWindows() {
        var counter = TemplateCounter(windows: CounterWindows(short: 60, long: 900))
        counter.record(message: "warning 1", at: Self.base)
        counter.record(message: "warning 2", at: Self.base + 200)
        counter.deployed(at: Self.base + 100)
        counter.record(message: "warning 3", at: Self.base + 50)
        counter.record(message: "fresh kind", at: Self.base + 210)
        #expect(counter.sinceDeploy() == 2)
        #expect(counter.count(inLast: 60, now: Self.base + 210) == 2)
        let stats = counter.templates(now: Self.base + 210)
        #expect(stats.first { $0.template == "warning <n>" }?.sinceDeploy == 1)
        #expect(stats.first { $0.template == "fresh kind" }?.sinceDeploy == 1)
        #expect(stats.first { $0.template == "warning <n>" }?.example == "warning 2")
    }
}
