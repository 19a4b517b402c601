import Foundation
import TelltaleCore
@testable import TelltaleUI

/// Fixed dashboard states built the way the real pipeline builds them: the
/// fixture log fed through a `LogReader` into a `DeployWatch`, plus health
/// results around the deploy.
enum DashboardFixture {
    /// 2025-09-15T12:00:00Z, the fixture's first entry.
    static let start = 1_757_937_600.0

    static var fixtureURL: URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures/deploy-fail.ndjson")
    }

    /// The failing deploy: duplication for the watched user after the deploy,
    /// a database timeout, readiness failures, then recovery.
    static func failingDeploy() throws -> DeployWatch {
        var watch = DeployWatch(rules: try RuleSet.defaultPack(), watchedUsers: ["demo-user-001"])
        watch.sourceIndex("deploy-fail.ndjson")
        watch.source("deploy-fail.ndjson", state: .reading, at: start)
        let bytes = Array(try Data(contentsOf: fixtureURL))
        var reader = LogReader(source: "deploy-fail.ndjson")
        // As if read live: the newest entry (12:26:10) arrived when it was written,
        // so the health polls' wall times below sit on the log timeline unshifted.
        let arrival = start + 1570
        reader.feed(bytes, arrival: arrival) { watch.ingest($0) }
        reader.finish(arrival: arrival) { watch.ingest($0) }
        for (i, offset) in stride(from: 1150.0, through: 1590, by: 40).enumerated() {
            let t = start + offset
            let healthy = offset < 1190 || offset > 1250
            watch.ingest(HealthResult(
                endpoint: "/health", time: t, status: 200, latency: 0.030 + Double(i % 4) * 0.01,
                body: #"{"status":"healthy","service":"netra-ai-platform","version":"1.0.0"}"#))
            watch.ingest(HealthResult(
                endpoint: "/health/ready", time: t + 0.5, status: healthy ? 200 : 503, latency: 0.060,
                body: healthy ? #"{"status":"ready","core_db":"connected"}"# : #"{"detail":"Core database unavailable"}"#))
        }
        return watch
    }

    /// An empty watch: nothing read yet.
    static func empty() throws -> DeployWatch {
        DeployWatch(rules: try RuleSet.defaultPack(), watchedUsers: ["demo-user-001"])
    }

    static func snapshot(_ watch: DeployWatch, alerts: Bool = true) -> DashboardSnapshot {
        var evaluator = AlertEvaluator()
        let changes = evaluator.evaluate(watch)
        let at = watch.now ?? start
        return DashboardSnapshot(
            watch: watch, wallTime: at, linesPerSecond: 12,
            alerts: alerts ? evaluator.active : [],
            alertEvents: alerts ? changes.raised.map { WatchEvent(at: at, kind: .alert, text: "alert: \($0.text)") } : [])
    }
}
