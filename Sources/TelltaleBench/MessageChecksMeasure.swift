import Foundation
import TelltaleCore

/// `telltale-bench checks`: the cost of each check a counted entry's message
/// goes through (the redactor's scan, the rules' rejection, the id scan), one
/// at a time over every message of a file, in nanoseconds a message.
///
/// These checks decide whether an entry may be counted without its text, so
/// they run on nearly every line; the whole-line figure (`parse`) cannot say
/// which of them costs what.
enum MessageChecksMeasure {
    static func run(_ arguments: BenchArguments) throws(BenchError) {
        guard let path = arguments.string("--file") else { throw BenchError("checks needs --file PATH") }
        let repeats = max(1, try arguments.integer("--repeat", default: 5))
        guard let data = FileManager.default.contents(atPath: path) else { throw BenchError("cannot read \(path)") }
        let rules: RuleSet
        do {
            rules = try RuleSet.defaultPack()
        } catch {
            throw BenchError("the default rule pack does not load: \(error)")
        }
        // Every message with its severity, packed in one buffer.
        var text: [UInt8] = []
        var spans: [(range: Range<Int>, severity: Severity)] = []
        var reader = LogReader(source: path, redactor: nil)
        let collect: (LogRecord) -> Void = { record in
            let start = text.count
            text.append(contentsOf: record.message.utf8)
            spans.append((start..<text.count, record.severity))
        }
        [UInt8](data).withUnsafeBytes { reader.feed($0, arrival: 0, collect) }
        reader.finish(arrival: 0, collect)
        guard !spans.isEmpty else { throw BenchError("no messages in \(path)") }

        let redactor = Redactor()
        var sink = 0
        func measure(_ name: String, _ check: (UnsafeBufferPointer<UInt8>, Severity) -> Int) {
            var best = Duration.seconds(1_000_000)
            let clock = ContinuousClock()
            for _ in 0..<repeats {
                let started = clock.now
                text.withUnsafeBufferPointer { all in
                    for span in spans { sink &+= check(UnsafeBufferPointer(rebasing: all[span.range]), span.severity) }
                }
                best = min(best, clock.now - started)
            }
            let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
            print("checks \(name) messages=\(spans.count) ns_per_message=\(String(format: "%.1f", seconds * 1e9 / Double(spans.count)))")
        }
        measure("redaction") { message, _ in redactor.leavesUnchanged(message) ? 1 : 0 }
        measure("rules") { message, severity in rules.rejectsAll(severity: severity, message: message) ? 1 : 0 }
        measure("ids") { message, _ in IDTally.scan(bytes: message).unified }
        measure("all") { message, severity in
            guard redactor.leavesUnchanged(message), rules.rejectsAll(severity: severity, message: message) else { return 0 }
            return IDTally.scan(bytes: message).legacy
        }
        let bytes = spans.reduce(0) { $0 + $1.range.count }
        print("checks bytes_per_message=\(bytes / spans.count) sink=\(sink)")
    }
}
