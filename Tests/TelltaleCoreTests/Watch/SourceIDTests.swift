import Testing
@testable import TelltaleCore

/// Sources are numbered once per name, from any thread, and each number
/// gives its name back.
@Suite("SourceID")
struct SourceIDTests {
    @Test func oneNumberPerNameAndItsNameBack() {
        let path = "/var/log/a-path-longer-than-fifteen-bytes/backend.log"
        let first = SourceID(path), again = SourceID(String(path.reversed().reversed()))
        let other = SourceID(path + ".1")
        #expect(first == again)
        #expect(first != other)
        #expect(first.name == path)
        #expect(other.name == path + ".1")
    }

    @Test func namesNumberedFromManyTasksAgree() async {
        let names = (0..<64).map { "source-\($0)-of-a-concurrent-test" }
        let numbered = await withTaskGroup(of: [SourceID].self) { group in
            for _ in 0..<8 { group.addTask { names.shuffled().sorted().map { SourceID($0) } } }
            return await group.reduce(into: [[SourceID]]()) { $0.append($1) }
        }
        for ids in numbered { #expect(ids == numbered[0]) }
        #expect(Set(numbered[0]).count == names.count)
        #expect(numbered[0].map(\.name) == names.sorted())
    }

    /// A counted entry names its source without a `LogRecord`: a watch fed
    /// from two readers counts each source's entries.
    @Test func countedEntriesAreCountedPerSource() throws {
        let rules = try RuleSet.defaultPack()
        var watch = DeployWatch(rules: rules, tailCapacity: 0)
        let line = "2025-09-15 12:00:00,000 - svc - app.mod - INFO - Heartbeat ok for user demo-user-7 after 5 ms\n"
        for (name, count) in [("/tmp/first-source-with-a-long-name.log", 3), ("/tmp/second-source-with-a-long-name.log", 5)] {
            watch.sourceIndex(name)
            var reader = LogReader(source: name)
            Array(String(repeating: line, count: count).utf8).withUnsafeBytes { chunk in
                reader.prepare(chunk, arrival: 100, rules: rules, wholeTail: 0) { watch.ingest($0) }
            }
        }
        #expect(watch.sources.map(\.entries) == [3, 5])
    }
}
