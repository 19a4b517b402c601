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

    @Test("counts by template exactly as a dictionary of template strings would, past the capacity")
    func matchesADictionaryModel() {
        // Templates that differ in one word, in their length, or only past
        // the first eight bytes, in random order with repeats, 40 over capacity.
        let capacity = 200
        var random = SeededRandom(seed: 11)
        var counter = TemplateCounter(windows: CounterWindows(), capacity: capacity)
        var modelOrder: [String] = []
        var model: [String: Int] = [:]
        for step in 0..<6_000 {
            let kind = random.next(capacity + 40)
            let words = String(repeating: "w", count: kind % 23)
            let message = "kind\(String(UnicodeScalar(UInt8(97 + kind % 26)))) \(words) user demo-user-\(random.next(900)) took \(random.next(99))ms \(kind / 26)x"
            let template = MessageTemplate.make(message)
            var key = template
            if model[key] == nil, modelOrder.count >= capacity { key = TemplateCounter.otherTemplates }
            if model[key] == nil { modelOrder.append(key) }
            model[key, default: 0] += 1
            counter.record(message: message, at: Self.base + Double(step))
        }
        let counted = counter.templates(now: Self.base + 6_000)
        #expect(counter.templateCount == model.count)
        #expect(Set(counted.map(\.template)).count == counted.count, "a template listed twice")
        #expect(Dictionary(counted.map { ($0.template, $0.count) }, uniquingKeysWith: +) == model)
        #expect(counted.map(\.count).reduce(0, +) == 6_000)
    }

    @Test("the index finds each entry under a shared hash by its bytes, and stops at an empty slot")
    func indexProbesPastCollisions() {
        var index = TemplateIndex(capacity: 8)
        let names = ["a", "bb", "ccc", "dddd"]
        // Every entry under the same hash: one run of slots, told apart by the predicate.
        for entry in names.indices { index.insert(entry, hash: 42) }
        for (entry, name) in names.enumerated() {
            #expect(index.find(hash: 42, where: { names[$0] == name }) == entry)
        }
        #expect(index.find(hash: 42, where: { _ in false }) == nil)
        #expect(index.find(hash: 43 << 32, where: { _ in true }) == nil)
        var text = "the same bytes"
        let spelled = text.withUTF8 { bytes in
            (TemplateIndex.spells("the same bytes", bytes), TemplateIndex.spells("the same byteZ", bytes),
             TemplateIndex.spells("the same bytes!", bytes), TemplateIndex.hash(bytes))
        }
        #expect(spelled.0 && !spelled.1 && !spelled.2)
        var other = "the same byteZ"
        #expect(other.withUTF8 { TemplateIndex.hash($0) } != spelled.3)
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
