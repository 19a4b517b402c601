import Foundation
import Testing
@testable import TelltaleCore

@Suite("TelltaleConfig")
struct TelltaleConfigTests {
    static func fixture(_ name: String) throws -> String {
        let url = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures/config/\(name)")
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test("reads every key of a full config file")
    func full() throws {
        let config = try TelltaleConfig.load(yaml: Self.fixture("full.yaml"), file: "full.yaml")
        #expect(config.rules.map(\.name) == ["duplication-multiple-managers", "payment-timeout"])
        #expect(config.rules[0].minSeverity == .error)
        #expect(config.rules[1].loggers == ["netra_backend.app.payments"])
        #expect(config.rules[1].caseInsensitive)
        #expect(config.disabledRules == ["websocket-warning"])
        #expect(config.watchUsers == ["demo-user-001", "demo-user-002"])
        #expect(config.windows == CounterWindows(short: 30, long: 1200))
        #expect(config.criteria == [
            .duplicationInWindow(max: 0), .duplicationSinceDeploy(max: 2), .healthHealthy(polls: 3),
            .idManagerInitialized, .noDatabaseTimeoutSinceDeploy, .noIDCollisionSinceDeploy,
        ])
        #expect(config.health.count == 2)
        let health = config.health[0]
        #expect(health.name == "/health")
        #expect(health.url == "http://127.0.0.1:8080/health")
        #expect(health.method == "GET")
        #expect(health.headers.map(\.name) == ["Authorization", "X-Probe"])
        #expect(health.headers.map(\.value) == ["Bearer ${STAGING_TOKEN}", "telltale"])
        #expect(health.interval == 2)
        #expect(health.timeout == 5)
        #expect(health.conditions == ["status == 200", #"body.status == "healthy""#])
        #expect(health.degradedWhen == ["latency > 2s"])
        let ready = config.health[1]
        #expect(ready.name == "https://staging.example.test/health/ready")
        #expect(ready.method == "HEAD")
        #expect(ready.headers.isEmpty)
        #expect(ready.interval == 2)
        #expect(ready.timeout == 5)
        #expect(ready.conditions.isEmpty)
    }

    @Test("the config's rules merge onto the default pack")
    func mergesOntoDefaults() throws {
        let config = try TelltaleConfig.load(yaml: Self.fixture("full.yaml"), file: "full.yaml")
        let rules = try RuleSet.defaultPack().merging(config.rules, disabling: config.disabledRules)
        #expect(!rules.rules.contains { $0.name == "websocket-warning" })
        #expect(rules.rules.last?.name == "payment-timeout")
        let warning = LogRecord(
            severity: .warning, message: "SSOT VALIDATION: Multiple manager instances for user demo-user-001 - potential duplication",
            loggers: ["netra_backend.app.websocket_core.ssot_validation_enhancer"])
        #expect(rules.classify(warning).isEmpty, "the override raised the floor to ERROR")
        let payment = LogRecord(severity: .error, message: "LEDGER TIMEOUT after 3s", loggers: ["netra_backend.app.payments.ledger"])
        #expect(rules.classify(payment).map(\.signal) == [.databaseTimeout])
    }

    @Test("an empty file is an empty config", arguments: ["", "\n", "# only a comment\n", "~\n"])
    func empty(yaml: String) throws {
        let config = try TelltaleConfig.load(yaml: yaml, file: "c.yaml")
        #expect(config == TelltaleConfig())
        #expect(config.windows == nil)
        #expect(config.criteria == nil)
    }

    @Test("windows default the side that is not given")
    func partialWindows() throws {
        #expect(try TelltaleConfig.load(yaml: "windows: {long: 30m}", file: "c").windows == CounterWindows(short: 60, long: 1800))
        #expect(try TelltaleConfig.load(yaml: "windows: {short: 5}", file: "c").windows == CounterWindows(short: 5, long: 900))
        #expect(try TelltaleConfig.load(yaml: "windows: {short: 20m}", file: "c").windows == CounterWindows(short: 1200, long: 1200))
    }

    @Test("criteria take their defaults when given no parameters", arguments: [
        ("- duplication_in_window", CheckCriterion.duplicationInWindow(max: 0)),
        ("- duplication_since_deploy:", .duplicationSinceDeploy(max: 0)),
        ("- health_healthy: {}", .healthHealthy(polls: 1)),
        ("- id_manager_initialized:", .idManagerInitialized),
    ])
    func criterionDefaults(item: String, criterion: CheckCriterion) throws {
        let config = try TelltaleConfig.load(yaml: "check:\n  criteria:\n    \(item)\n", file: "c")
        #expect(config.criteria == [criterion])
    }

    @Test("every criterion has a config key that reads back to it")
    func everyCriterionKey() throws {
        let all: [CheckCriterion] = [
            .duplicationInWindow(max: 1), .duplicationSinceDeploy(max: 1), .healthHealthy(polls: 2),
            .idManagerInitialized, .noDatabaseTimeoutSinceDeploy, .noIDCollisionSinceDeploy,
        ]
        #expect(all.map(\.name) == CheckCriterion.configKeys)
        let yaml = "check:\n  criteria:\n" + all.map { criterion -> String in
            switch criterion {
            case .duplicationInWindow(let max), .duplicationSinceDeploy(let max): "    - \(criterion.name): {max: \(max)}\n"
            case .healthHealthy(let polls): "    - \(criterion.name): {polls: \(polls)}\n"
            default: "    - \(criterion.name): {}\n"
            }
        }.joined()
        #expect(try TelltaleConfig.load(yaml: yaml, file: "c").criteria == all)
    }

    @Test("broken fixture files name file, line and the problem", arguments: [
        ("broken-unknown-key.yaml", 2, "unknown key 'window' in the config file; allowed keys: rules, disable_rules, watch_users, windows, check, health"),
        ("broken-duration.yaml", 3, "windows.long is not a duration: 'fifteen minutes'"),
        ("broken-criterion.yaml", 4, "unknown criterion 'no_duplicates_ever'"),
        ("broken-rule-regex.yaml", 5, "invalid regex"),
        ("broken-health-method.yaml", 4, "must be GET or HEAD; found 'POST'"),
        ("broken-yaml.yaml", 2, "invalid YAML"),
    ])
    func brokenFixture(name: String, line: Int, reason: String) throws {
        let yaml = try Self.fixture(name)
        do {
            _ = try TelltaleConfig.load(yaml: yaml, file: name)
            Issue.record("expected an error")
        } catch {
            #expect(error.file == name)
            #expect(error.line == line, "\(error)")
            #expect(error.reason.contains(reason), "\(error)")
        }
    }

    @Test("wrong types and values are errors at their line", arguments: [
        ("watch_users: {a: b}", 1, "watch_users must be a list"),
        ("disable_rules:\n  - [a]", 2, "must be a string"),
        ("windows: 15m", 1, "windows must be a mapping with keys short, long"),
        ("windows:\n  short: 0s", 2, "windows.short must be longer than zero"),
        ("windows:\n  short: 5m\n  long: 1m", 3, "windows.long (1m) is shorter than windows.short (5m)"),
        ("windows: {short: 1m, middle: 5m}", 1, "unknown key 'middle' in windows; allowed keys: short, long"),
        ("check:\n  criterion: []", 2, "unknown key 'criterion' in check; allowed keys: criteria"),
        ("check:\n  criteria: duplication_in_window", 2, "check.criteria must be a list"),
        ("check:\n  criteria:\n    - duplication_in_window: {max: -1}", 3, "max of criterion 'duplication_in_window' must be at least 0"),
        ("check:\n  criteria:\n    - duplication_in_window: {max: lots}", 3, "must be a whole number"),
        ("check:\n  criteria:\n    - health_healthy: {polls: 0}", 3, "polls of criterion 'health_healthy' must be at least 1"),
        ("check:\n  criteria:\n    - health_healthy: {count: 3}", 3, "unknown key 'count' in criterion 'health_healthy'; allowed keys: polls"),
        ("check:\n  criteria:\n    - id_manager_initialized: {max: 1}", 3, "takes no parameters"),
        ("check:\n  criteria:\n    - {health_healthy: {}, id_manager_initialized: {}}", 3, "one-key map"),
        ("check:\n  criteria:\n    - id_manager_initialized\n    - id_manager_initialized", 4, "listed twice"),
        ("health:\n  - name: x", 2, "health endpoint has no url"),
        ("health:\n  - url: ftp://host/health", 2, "url must start with http:// or https://"),
        ("health:\n  - url: http://h/health\n    interval: soon", 3, "interval of health endpoint 'http://h/health' is not a duration"),
        ("health:\n  - url: http://h/health\n    timeout: -5s", 3, "is not a duration"),
        ("health:\n  - url: http://h/health\n    headers: [a]", 3, "headers of health endpoint 'http://h/health' must be a mapping"),
        ("health:\n  - url: http://h/health\n    condition: [\"status == 200\"]", 3, "unknown key 'condition' in a health endpoint"),
        ("health:\n  - url: http://h/a\n    name: a\n  - url: http://h/b\n    name: a", 4, "duplicate health endpoint name 'a'"),
        ("rules:\n  - name: r\n    signal: database-outage\n    contains: [x]", 3, "unknown signal 'database-outage'"),
        ("rules:\n  - name: r\n    signal: duplication\n    min_severity: SEVERE\n    contains: [x]", 4, "unknown severity 'SEVERE'"),
        ("rules:\n  - name: r\n    signal: duplication\n    contains: [x]\n  - name: r\n    signal: duplication\n    contains: [y]", 5, "duplicate rule name 'r'"),
        ("- watch_users", 1, "the config file must be a mapping"),
    ])
    func brokenValue(yaml: String, line: Int, reason: String) {
        do {
            _ = try TelltaleConfig.load(yaml: yaml, file: "telltale.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.file == "telltale.yaml")
            #expect(error.line == line, "\(error)")
            #expect(error.reason.contains(reason), "\(error)")
        }
    }

    @Test("error descriptions put file and line first")
    func errorDescription() {
        #expect(ConfigError(file: "a.yaml", line: 3, reason: "bad").description == "a.yaml:3: bad")
        #expect(ConfigError(file: "a.yaml", reason: "bad").description == "a.yaml: bad")
    }
}
