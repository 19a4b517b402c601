import Foundation
import Testing

/// The benchmark's quick mode as a test: generate a small corpus, run the built
/// `telltale check` over it, and compare every count with the generator's
/// ground truth. No timing is judged here (debug build); this only proves that
/// the benchmark still runs and that telltale counts its corpora right.
@Suite("benchmark corpus, counted by telltale check")
struct BenchmarkSmokeTests {
    static let lines = 20_000

    static var bench: URL { TelltaleBinary.productsDirectory.appendingPathComponent("telltale-bench") }

    /// The report's value at a dotted path and the truth's key it must equal.
    static let comparedCounts: [(report: String, truth: String)] = [
        ("lines.total", "lines"), ("lines.parsed", "parsed"), ("lines.unparsed", "unparsed"),
        ("duplication.total", "duplicationEntries"), ("websocket.warnings", "websocketWarnings"),
        ("db.timeouts", "databaseTimeouts"), ("db.errors", "databaseErrors"),
        ("idManager.initializedCount", "idManagerInitialized"), ("idManager.unifiedIds", "unifiedIds"),
        ("idManager.legacyIds", "legacyIds"),
    ]

    static func value(_ object: [String: Any], at path: String) -> Int? {
        var current: Any? = object
        for key in path.split(separator: ".") { current = (current as? [String: Any])?[String(key)] }
        return (current as? NSNumber)?.intValue
    }

    static func runBench(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = bench
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    static func jsonObject(at path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test(arguments: [false, true])
    func checkCountsTheCorpusExactly(plain: Bool) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("telltale-smoke-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let corpus = directory.appendingPathComponent("corpus.log").path
        let truthPath = corpus + ".truth.json"

        let generated = try Self.runBench(["corpus", "--lines", "\(Self.lines)", "--out", corpus] + (plain ? ["--plain"] : []))
        #expect(generated == 0)
        let truth = try Self.jsonObject(at: truthPath)
        #expect(truth["lines"] as? Int == Self.lines)
        #expect((truth["duplicationEntries"] as? Int ?? 0) > 0)
        #expect((truth["unparsed"] as? Int ?? 0) > 0)

        let result = try TelltaleBinary.run(["check", "--no-follow", "--format", "json", "--logs", corpus], timeout: 30)
        #expect([0, 1, 2].contains(result.status), "stderr: \(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        for (reportPath, truthKey) in Self.comparedCounts {
            #expect(Self.value(report, at: reportPath) == truth[truthKey] as? Int, "\(reportPath) vs truth \(truthKey)")
        }
        let heavy = try #require(truth["heavyUsers"] as? [String: Int])
        let users = try #require((report["duplication"] as? [String: Any])?["users"] as? [String: Int])
        for (user, count) in heavy where count > 0 {
            #expect(users[user] == count, "duplication of \(user)")
        }
        #expect((report["deploys"] as? [Any])?.count == truth["deploys"] as? Int)

        // The benchmark's own gate accepts this report and refuses a wrong truth.
        let reportPath = directory.appendingPathComponent("report.json").path
        try Data(result.stdout.utf8).write(to: URL(fileURLWithPath: reportPath))
        #expect(try Self.runBench(["verify", "--report", reportPath, "--truth", truthPath]) == 0)
        var wrong = truth
        wrong["duplicationEntries"] = (truth["duplicationEntries"] as? Int ?? 0) + 1
        let wrongPath = directory.appendingPathComponent("wrong.truth.json").path
        try JSONSerialization.data(withJSONObject: wrong).write(to: URL(fileURLWithPath: wrongPath))
        #expect(try Self.runBench(["verify", "--report", reportPath, "--truth", wrongPath]) == 64)
    }

    @Test func theSameSeedWritesTheSameCorpus() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("telltale-seed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var corpora: [Data] = []
        for (name, seed) in [("a", 7), ("b", 7), ("c", 8)] {
            let path = directory.appendingPathComponent(name).path
            #expect(try Self.runBench(["corpus", "--lines", "2000", "--seed", "\(seed)", "--out", path]) == 0)
            corpora.append(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        #expect(corpora[0] == corpora[1])
        #expect(corpora[0] != corpora[2])
    }

    /// `telltale-bench checks`, the per-check message measure: it runs, times
    /// every message of the file for each check, and says so on one line each.
    @Test func theMessageChecksMeasureCoversEveryMessage() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("telltale-checks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let corpus = directory.appendingPathComponent("corpus.log").path
        #expect(try Self.runBench(["corpus", "--lines", "2000", "--out", corpus]) == 0)
        let truth = try Self.jsonObject(at: corpus + ".truth.json")

        let process = Process()
        process.executableURL = Self.bench
        process.arguments = ["checks", "--file", corpus, "--repeat", "1"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        // One record per line of this corpus: every one of them is measured by each check.
        let measured = printed.split(separator: "\n").filter { $0.hasPrefix("checks ") && $0.contains("messages=") }
        #expect(measured.map { $0.split(separator: " ")[1] } == ["redaction", "rules", "ids", "all"])
        for line in measured {
            #expect(line.contains("messages=\(truth["lines"] as? Int ?? -1) "), "\(line)")
        }
    }
}
