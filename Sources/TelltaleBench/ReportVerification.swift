import Foundation

/// `telltale-bench verify`: compares a `telltale check --format json` report with
/// a corpus's ground truth, key by key.
///
/// The benchmark runs it before it prints any figure: a fast wrong answer is
/// not a result. Heavy users must be exact (present, error 0, the true count),
/// which is what Space-Saving promises for them under a user-id explosion.
enum ReportVerification {
    static func run(_ arguments: BenchArguments) throws(BenchError) {
        guard let reportPath = arguments.string("--report"), let truthPath = arguments.string("--truth") else {
            throw BenchError("verify needs --report PATH and --truth PATH")
        }
        guard let reportData = FileManager.default.contents(atPath: reportPath),
              let report = (try? JSONSerialization.jsonObject(with: reportData)) as? [String: Any] else {
            throw BenchError("\(reportPath) is not a JSON report")
        }
        guard let truthData = FileManager.default.contents(atPath: truthPath),
              let truth = try? JSONDecoder().decode(CorpusTruth.self, from: truthData) else {
            throw BenchError("cannot read the ground truth \(truthPath)")
        }
        let problems = differences(report: report, truth: truth)
        guard problems.isEmpty else {
            throw BenchError("the report's counts differ from the ground truth:\n  " + problems.joined(separator: "\n  "))
        }
        print("verified \(truth.lines) lines against \(truthPath)")
    }

    /// Every count of `report` that differs from `truth`, as readable lines.
    static func differences(report: [String: Any], truth: CorpusTruth) -> [String] {
        var problems: [String] = []
        func expect(_ path: String, _ actual: Any?, _ expected: Int) {
            let value = (actual as? NSNumber)?.intValue
            if value != expected { problems.append("\(path): \(value.map(String.init) ?? "missing"), expected \(expected)") }
        }
        let lines = report["lines"] as? [String: Any] ?? [:]
        expect("lines.total", lines["total"], truth.lines)
        expect("lines.parsed", lines["parsed"], truth.parsed)
        expect("lines.unparsed", lines["unparsed"], truth.unparsed)
        let duplication = report["duplication"] as? [String: Any] ?? [:]
        expect("duplication.total", duplication["total"], truth.duplicationEntries)
        let users = duplication["users"] as? [String: Any] ?? [:]
        let inexact = duplication["inexactUsers"] as? [String: Any] ?? [:]
        for (user, count) in truth.heavyUsers.sorted(by: { $0.key < $1.key }) where count > 0 {
            expect("duplication.users.\(user)", users[user], count)
            if inexact[user] != nil { problems.append("duplication.inexactUsers lists heavy user \(user)") }
        }
        let websocket = report["websocket"] as? [String: Any] ?? [:]
        expect("websocket.warnings", websocket["warnings"], truth.websocketWarnings)
        let db = report["db"] as? [String: Any] ?? [:]
        expect("db.timeouts", db["timeouts"], truth.databaseTimeouts)
        expect("db.errors", db["errors"], truth.databaseErrors)
        let idManager = report["idManager"] as? [String: Any] ?? [:]
        expect("idManager.initializedCount", idManager["initializedCount"], truth.idManagerInitialized)
        expect("idManager.unifiedIds", idManager["unifiedIds"], truth.unifiedIds)
        expect("idManager.legacyIds", idManager["legacyIds"], truth.legacyIds)
        expect("deploys", (report["deploys"] as? [Any])?.count, truth.deploys)
        return problems
    }
}
