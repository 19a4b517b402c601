import Testing
@testable import TelltaleCore

@Suite("HealthCondition")
struct HealthConditionTests {
    typealias Subject = HealthCondition.Subject
    typealias Comparison = HealthCondition.Comparison
    typealias Operand = HealthCondition.Operand

    // MARK: - Parsing

    @Test("reads every operator", arguments: [
        ("status == 200", Comparison.equal), ("status != 200", .notEqual), ("status < 200", .less),
        ("status <= 200", .lessOrEqual), ("status > 200", .greater), ("status >= 200", .greaterOrEqual),
        ("status<=200", .lessOrEqual), ("status>200", .greater),
    ])
    func operators(text: String, comparison: Comparison) throws {
        let condition = try HealthCondition(parsing: text)
        #expect(condition.comparison == comparison)
        #expect(condition.subject == .status)
        #expect(condition.operand == .number(200))
    }

    @Test("reads every left side, in both spellings", arguments: [
        ("status == 200", Subject.status), ("[STATUS] == 200", .status),
        ("latency < 2s", .latency), ("[RESPONSE_TIME] < 2s", .latency),
        ("body == ok", .bodyText), ("[BODY] == ok", .bodyText),
        ("body.status == ok", .bodyPath([.key("status")])),
        ("[BODY].status == ok", .bodyPath([.key("status")])),
        ("body.details.phase == database", .bodyPath([.key("details"), .key("phase")])),
        ("body.degraded_services[0].service == llm", .bodyPath([.key("degraded_services"), .index(0), .key("service")])),
        ("body[1] == x", .bodyPath([.index(1)])),
        ("len(body) > 0", .length(nil)), ("len([BODY]) > 0", .length(nil)),
        ("len(body.warnings) == 1", .length([.key("warnings")])),
        ("len( body.warnings ) == 1", .length([.key("warnings")])),
    ])
    func subjects(text: String, subject: Subject) throws {
        #expect(try HealthCondition(parsing: text).subject == subject)
    }

    @Test("reads every right side", arguments: [
        ("body.x == 42", Operand.number(42)), ("body.x == -1.5", .number(-1.5)),
        (#"body.x == "two words""#, .string("two words")), ("body.x == 'single'", .string("single")),
        (#"body.x == "say \"hi\"""#, .string(#"say "hi""#)), (#"body.x == """#, .string("")),
        ("body.x == true", .bool(true)), ("body.x == false", .bool(false)), ("body.x == null", .null),
        ("body.status == healthy", .string("healthy")), ("body.x == \"42\"", .string("42")),
        ("latency < 2s", .number(2)), ("latency < 500ms", .number(0.5)), ("latency < 2", .number(2)),
        ("latency <= 1m30s", .number(90)), ("latency < '2s'", .number(2)),
    ])
    func operands(text: String, operand: Operand) throws {
        #expect(try HealthCondition(parsing: text).operand == operand)
    }

    @Test func keepsTheTextAsWritten() throws {
        let condition = try HealthCondition(parsing: "  body.status == healthy  ")
        #expect(condition.text == "body.status == healthy")
        #expect(condition.description == "body.status == healthy")
    }

    @Test("refuses bad conditions with the column and the reason", arguments: [
        ("", 1, "expected status, latency, body, body.<path> or len(body)"),
        ("   ", 4, "expected status, latency, body, body.<path> or len(body)"),
        ("== 200", 1, "expected status, latency, body, body.<path> or len(body)"),
        ("[CONNECTED] == true", 1, "unknown subject `[CONNECTED]`: expected status, latency, body, body.<path> or len(body)"),
        ("bodystatus == x", 1, "unknown subject `bodystatus`: expected status, latency, body, body.<path> or len(body)"),
        ("status", 7, "expected an operator (==, !=, <, <=, >, >=)"),
        ("status 200", 8, "expected an operator (==, !=, <, <=, >, >=)"),
        ("status = 200", 8, "`=` is not an operator, use `==`"),
        ("status ==", 10, "expected a value after the operator"),
        ("status == ok", 11, "status compares with a number"),
        ("status < 400 or so", 10, "status compares with a number"),
        ("latency < soon", 11, "latency compares with a duration like 2s or 500ms"),
        ("len(body) > many", 13, "len() compares with a number"),
        ("len(status) > 1", 5, "len() takes body or body.<path>, not `status`"),
        ("len(body > 1", 10, "expected `)` to close `len(`"),
        ("body.x < true", 10, "`<` needs a number or a string"),
        ("body.x >= null", 11, "`>=` needs a number or a string"),
        ("body. == x", 6, "empty key in the body path"),
        ("body.a..b == x", 8, "empty key in the body path"),
        ("body.items[x] == 1", 11, "expected an array index like [0]"),
        ("body.items[0 == 1", 11, "expected an array index like [0]"),
        (#"body.x == "open"#, 11, "unterminated string: no closing \""),
        (#"body.x == "a" b"#, 15, "unexpected text after the closing quote"),
    ])
    func refuses(text: String, column: Int, reason: String) {
        #expect(throws: HealthConditionError(text: text, column: column, reason: reason)) {
            try HealthCondition(parsing: text)
        }
    }

    @Test func errorDescriptionPointsAtTheColumn() {
        let error = HealthConditionError(text: "status 200", column: 8, reason: "expected an operator (==, !=, <, <=, >, >=)")
        #expect(error.description == "health condition `status 200`: column 8: expected an operator (==, !=, <, <=, >, >=)")
    }

    // MARK: - Evaluation on the sample bodies

    static let samples: [String: (status: Int, body: String, json: JSONValue?)] = [
        "healthy": (200, HealthSamples.healthyText, HealthSamples.healthy),
        "startup-failed": (503, HealthSamples.startupFailedText, HealthSamples.startupFailed),
        "in-progress": (503, HealthSamples.startupInProgressText, HealthSamples.startupInProgress),
        "ready": (200, HealthSamples.readyText, HealthSamples.ready),
        "ready-db-down": (503, HealthSamples.readyDBDownText, HealthSamples.readyDBDown),
        "degraded": (200, HealthSamples.backendDegradedText, HealthSamples.backendDegraded),
        "platform": (503, HealthSamples.platformText, nil),
    ]

    @Test("evaluates on the real bodies", arguments: [
        ("healthy", "status < 400", true, "200"),
        ("healthy", "body.status == healthy", true, #""healthy""#),
        ("healthy", #"body.status != "unhealthy""#, true, #""healthy""#),
        ("healthy", "body.version == '1.0.0'", true, #""1.0.0""#),
        ("healthy", "body.timestamp > 1757939142", true, "1757939142.318"),
        ("startup-failed", "status < 400", false, "503"),
        ("startup-failed", #"body.status != "unhealthy""#, false, #""unhealthy""#),
        ("startup-failed", "body.startup_failed == true", true, "true"),
        ("startup-failed", "body.startup_failed != false", true, "true"),
        ("in-progress", "body.details.phase == database", true, #""database""#),
        ("in-progress", "body.startup_in_progress == false", false, "true"),
        ("ready", "body.status == ready", true, #""ready""#),
        ("ready", "body.websocket_readiness.ready == true", true, "true"),
        ("ready", "len(body.details) == 0", true, "0"),
        ("ready", "body.details == null", false, "{}"),
        ("ready-db-down", "status == 503", true, "503"),
        ("ready-db-down", "body.status == ready", false, "missing"),
        ("ready-db-down", "body.status != ready", true, "missing"),
        ("ready-db-down", "body.status < zzz", false, "missing"),
        ("ready-db-down", "body.status >= 0", false, "missing"),
        ("degraded", "body.status == degraded", true, #""degraded""#),
        ("degraded", "body.readiness_score >= 0.5", true, "0.6"),
        ("degraded", "body.readiness_score < 0.5", false, "0.6"),
        ("degraded", "body.capabilities.database_connectivity == false", true, "false"),
        ("degraded", "body.degraded_services[0].status == timeout", true, #""timeout""#),
        ("degraded", "body.degraded_services[3].status == timeout", false, "missing"),
        ("degraded", "len(body.degraded_services) == 1", true, "1"),
        ("degraded", "len(body.warnings) > 1", false, "1"),
        ("degraded", "body.failure_analysis.environment_config.failure_threshold == '0.3'", true, "0.3"),
        ("degraded", "body.version > 0.9", false, #""1.0.0""#),
        ("platform", "status < 400", false, "503"),
        ("platform", "body.status != unhealthy", true, "missing"),
        ("platform", "len(body) > 200", true, "257"),
    ])
    func evaluate(sample: String, text: String, passed: Bool, actual: String) throws {
        let sample = try #require(Self.samples[sample])
        let result = HealthSamples.result(status: sample.status, body: sample.body)
        let outcome = try HealthCondition(parsing: text).evaluate(result, json: sample.json)
        #expect(outcome == HealthConditionOutcome(passed: passed, actual: actual))
    }

    @Test("compares latency in seconds", arguments: [
        (1.999, "latency < 2s", true, "2s"), (2.0, "latency < 2s", false, "2s"), (0.3, "latency <= 500ms", true, "300ms"),
        (3.6, "latency < 2", false, "3.6s"), (3.6, "[RESPONSE_TIME] > 3s", true, "3.6s"),
    ])
    func latency(seconds: Double, text: String, passed: Bool, actual: String) throws {
        let result = HealthSamples.result(status: 200, latency: seconds)
        #expect(try HealthCondition(parsing: text).evaluate(result, json: nil) == HealthConditionOutcome(passed: passed, actual: actual))
    }

    @Test("compares numeric strings numerically and other strings as text", arguments: [
        (JSONValue.string("10"), "body.n > 9", true), (.string("10"), "body.n > '9'", true),
        (.string("abc"), "body.n < abd", true), (.string("b"), "body.n > a", true),
        (.string("10"), "body.n == 10.0", true), (.number(10), #"body.n == "10""#, true),
        (.string("ten"), "body.n > 9", false), (.bool(true), "body.n == 'true'", false),
        (.null, "body.n == null", true), (.string("null"), "body.n == null", false),
        (.string("true"), "body.n == true", true), (.array([]), "body.n == x", false),
    ])
    func comparisons(value: JSONValue, text: String, passed: Bool) throws {
        let result = HealthSamples.result(status: 200, body: "{}")
        #expect(try HealthCondition(parsing: text).evaluate(result, json: .object([("n", value)])).passed == passed)
    }

    @Test("a request without an answer fails every condition", arguments: [
        ("status != 200", HealthError.timeout(5), "timeout after 5s"),
        ("body.status != unhealthy", .connectionRefused, "connection refused"),
        ("latency < 1m", .timeout(5), "timeout after 5s"),
        ("len(body) >= 0", .connectionRefused, "connection refused"),
    ])
    func noAnswer(text: String, error: HealthError, actual: String) throws {
        let result = HealthSamples.result(status: nil, latency: 5, error: error)
        #expect(try HealthCondition(parsing: text).evaluate(result, json: nil) == HealthConditionOutcome(passed: false, actual: actual))
    }

    @Test func wholeBodyComparesTheText() throws {
        let result = HealthSamples.result(status: 200, body: "OK")
        #expect(try HealthCondition(parsing: "body == OK").evaluate(result, json: nil) == HealthConditionOutcome(passed: true, actual: #""OK""#))
        #expect(try HealthCondition(parsing: "len(body) == 2").evaluate(result, json: nil).passed)
    }
}
