import Testing
import TelltaleCore

/// The config file's `alerts` key, which sets the dashboard's alert thresholds.
@Suite("Alert config")
struct AlertConfigTests {
    @Test("alerts are optional; the defaults are the brief's")
    func defaults() throws {
        #expect(try TelltaleConfig.load(yaml: "watch_users: [a]\n", file: "c.yaml").alerts == nil)
        #expect(AlertThresholds() == AlertThresholds(duplicationAbove: 0, healthDownPolls: 3, databaseTimeoutSinceDeploy: true))
    }

    @Test("thresholds are read, and false switches one off")
    func read() throws {
        let yaml = "alerts:\n  duplication_above: 5\n  health_down_polls: false\n  database_timeout_since_deploy: false\n"
        let alerts = try TelltaleConfig.load(yaml: yaml, file: "c.yaml").alerts
        #expect(alerts == AlertThresholds(duplicationAbove: 5, healthDownPolls: nil, databaseTimeoutSinceDeploy: false))
    }

    @Test("a bad threshold names its line", arguments: [
        ("alerts:\n  health_down_polls: 0\n", 2),
        ("alerts:\n  duplication_above: lots\n", 2),
        ("alerts:\n  bell: true\n", 2),
    ])
    func bad(yaml: String, line: Int) {
        do {
            _ = try TelltaleConfig.load(yaml: yaml, file: "c.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == line, "\(error)")
        }
    }
}
