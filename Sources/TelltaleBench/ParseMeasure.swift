import Foundation
import TelltaleCore

/// `telltale-bench parse`: the in-process cost of one line through the core,
/// from bytes to counters, on one thread: `LogReader.prepare` (split,
/// assemble, sketch or parse, redact, `RuleSet` classification) and every
/// `DeployWatch` tracker, as `telltale check` runs them (no log tail, so
/// entries that only count are not decoded) but without the helper thread.
///
/// The file is read into memory first and fed in 64 KiB chunks, so the figure
/// leaves out the disk and the process start that the whole-process measures
/// include.
enum ParseMeasure {
    static func run(_ arguments: BenchArguments) throws(BenchError) {
        guard let path = arguments.string("--file") else { throw BenchError("parse needs --file PATH") }
        let repeats = max(1, try arguments.integer("--repeat", default: 3))
        guard let data = FileManager.default.contents(atPath: path) else { throw BenchError("cannot read \(path)") }
        let bytes = [UInt8](data)
        let rules: RuleSet
        do {
            rules = try RuleSet.defaultPack()
        } catch {
            throw BenchError("the default rule pack does not load: \(error)")
        }

        var best = Duration.seconds(1_000_000)
        var lines = 0
        var duplication = 0
        var counted = CorpusTruth()
        for _ in 0..<repeats {
            var watch = DeployWatch(rules: rules, tailCapacity: 0)
            var reader = LogReader(source: path)
            let clock = ContinuousClock()
            let started = clock.now
            bytes.withUnsafeBytes { all in
                var offset = 0
                while offset < all.count {
                    let end = min(offset + 64 * 1024, all.count)
                    reader.prepare(UnsafeRawBufferPointer(rebasing: all[offset..<end]), arrival: 0, rules: rules,
                                   wholeTail: 0) { watch.ingest($0) }
                    offset = end
                }
                watch.ingest(reader.finishPrepared(arrival: 0, rules: rules))
            }
            best = min(best, clock.now - started)
            lines = watch.lines.total
            duplication = watch.duplication.totalEntries
            counted = Self.counts(of: watch)
        }
        if let truthPath = arguments.string("--truth") {
            try verify(counted, againstTruthAt: truthPath)
        }
        let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
        let perLine = lines > 0 ? seconds * 1e9 / Double(lines) : 0
        let rate = seconds > 0 ? Double(lines) / seconds : 0
        print("parse lines=\(lines) duplication=\(duplication) seconds=\(String(format: "%.3f", seconds)) ns_per_line=\(String(format: "%.0f", perLine)) lines_per_second=\(String(format: "%.0f", rate))")
    }

    /// The report's counts in the truth's terms (bytes and distinct users are
    /// the generator's own figures and are copied from the truth when compared).
    static func counts(of watch: DeployWatch) -> CorpusTruth {
        var counted = CorpusTruth()
        counted.lines = watch.lines.total
        counted.parsed = watch.lines.parsed
        counted.unparsed = watch.lines.unparsed
        counted.duplicationEntries = watch.duplication.totalEntries
        let now = watch.now ?? 0
        for user in CorpusGenerator.heavyUsers {
            let stats = watch.duplication.stats(for: user, now: now)
            counted.heavyUsers[user] = stats.error == 0 ? stats.total : -1
        }
        counted.websocketWarnings = watch.websocket.total
        counted.databaseTimeouts = watch.database.timeouts
        counted.databaseErrors = watch.database.errors
        counted.idManagerInitialized = watch.idManager.initializedCount
        counted.unifiedIds = watch.idManager.idCounts[.unified] ?? 0
        counted.legacyIds = watch.idManager.idCounts[.legacy] ?? 0
        counted.deploys = watch.deploys.deploys.count
        return counted
    }

    private static func verify(_ counted: CorpusTruth, againstTruthAt path: String) throws(BenchError) {
        guard let data = FileManager.default.contents(atPath: path),
              var truth = try? JSONDecoder().decode(CorpusTruth.self, from: data) else {
            throw BenchError("cannot read the ground truth \(path)")
        }
        truth.bytes = 0
        truth.distinctUsers = 0
        guard counted == truth else {
            throw BenchError("counts differ from the ground truth:\n  expected \(truth)\n  counted  \(counted)")
        }
    }
}
