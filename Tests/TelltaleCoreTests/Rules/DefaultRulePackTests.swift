import Foundation
import Testing
@testable import TelltaleCore

/// One entry and what the default pack must make of it.
struct PackCase: Sendable, CustomTestStringConvertible {
    var severity: Severity
    var logger: String?
    var message: String
    /// Rule name → captures, for every rule that must match (and no other).
    var expected: [String: [String: [String]]]

    init(_ severity: Severity, _ logger: String?, _ message: String, _ expected: [String: [String: [String]]] = [:]) {
        self.severity = severity
        self.logger = logger
        self.message = message
        self.expected = expected
    }

    var record: LogRecord {
        LogRecord(severity: severity, message: message, loggers: logger.map { [$0] } ?? [])
    }

    var testDescription: String { "\(severity.name) \(message.prefix(60))" }
}

private let wsManager = "netra_backend.app.websocket_core.websocket_manager"
private let wsEnhancer = "netra_backend.app.websocket_core.ssot_validation_enhancer"
private let wsStateMachine = "netra_backend.app.websocket_core.connection_state_machine"
private let smd = "netra_backend.app.smd"
private let noCaptures: [String: [String]] = [:]

@Suite("Default rule pack")
struct DefaultRulePackTests {
    static let pack: RuleSet = {
        do { return try RuleSet.defaultPack() } catch { fatalError("default pack does not load: \(error)") }
    }()

    @Test("loads from the bundle, every rule with a contains prefilter")
    func loads() throws {
        let pack = try RuleSet.defaultPack()
        #expect(pack.rules.count >= 10)
        for rule in pack.rules {
            #expect(!rule.contains.isEmpty, "rule \(rule.name) has no contains prefilter")
        }
        #expect(Set(pack.rules.map(\.name)).count == pack.rules.count)
        let signals = Set(pack.rules.map(\.signal))
        #expect(signals == [.duplication, .websocketWarning, .idManagerInitialized, .idBinding,
                            .databaseTimeout, .databaseError, .databaseRecovered])
    }

    static let duplicationCases: [PackCase] = [
        PackCase(.warning, wsEnhancer,
                 "SSOT VALIDATION: Multiple manager instances for user demo-user-001 - potential duplication",
                 ["duplication-multiple-managers": ["user": ["demo-user-001"]], "websocket-warning": noCaptures]),
        PackCase(.warning, wsEnhancer,
                 "SSOT validation issues (non-blocking): ['Multiple manager instances for user demo-user-008 - potential duplication', 'Multiple manager instances for user usr_2dc5fd3d - potential duplication']",
                 ["duplication-multiple-managers": ["user": ["demo-user-008", "usr_2dc5fd3d"]], "websocket-warning": noCaptures]),
        PackCase(.warning, wsEnhancer,
                 "SSOT validation issues (non-blocking): ['Multiple manager instances for user demo-user-001 - potential duplication', 'Multiple manager instances for user demo-user-001 - potential duplication']",
                 ["duplication-multiple-managers": ["user": ["demo-user-001"]], "websocket-warning": noCaptures]),
        PackCase(.error, wsManager, "SSOT VIOLATION: Multiple manager instances for user demo-user-002",
                 ["duplication-multiple-managers": ["user": ["demo-user-002"]], "websocket-warning": noCaptures]),
        PackCase(.error, nil, "SSOT VIOLATION: Multiple manager instances for user demo-user-026.",
                 ["duplication-multiple-managers": ["user": ["demo-user-026"]]]),
        PackCase(.critical, wsStateMachine,
                 "DUPLICATE CONNECTION REGISTRATION DETECTED: Connection main_7a7ec740 already registered. Existing state: CONNECTED, User: usr_2dc5fd3d, Requested User: demo-user-031. This indicates a race condition in connection setup. Returning existing machine to prevent state corruption.",
                 ["duplication-connection-registration": ["user": ["usr_2dc5fd3d", "demo-user-031"]],
                  "id-binding-connection-registration": ["entity": ["main_7a7ec740"], "user": ["usr_2dc5fd3d", "demo-user-031"]],
                  "websocket-warning": noCaptures]),
        // Not duplications: an INFO line naming a user, the same sentence at INFO,
        // and the cache's deduplication even when logged as a warning.
        PackCase(.info, wsManager, "WebSocket manager created and registered for user usr_3af27f80, total registered: 6"),
        PackCase(.info, wsEnhancer, "SSOT VALIDATION: Multiple manager instances for user demo-user-001 - potential duplication"),
        PackCase(.info, "netra_backend.app.cache", "Cache deduplication hit for user demo-user-013 (duplicate request suppressed)"),
        PackCase(.warning, "netra_backend.app.cache", "Cache deduplication hit for user demo-user-013 (duplicate request suppressed)"),
    ]

    static let websocketCases: [PackCase] = [
        PackCase(.warning, wsManager,
                 "SSOT WARNING: Found other WebSocket Manager classes: ['netra_backend.app.websocket_core.websocket_manager.UnifiedWebSocketManager']",
                 ["websocket-warning": noCaptures]),
        PackCase(.warning, nil, "WEBSOCKET handshake rejected", ["websocket-warning": noCaptures]),
        PackCase(.error, "netra_backend.app.routes.websocket_ssot",
                 "object _UnifiedWebSocketManagerImplementation can't be used in 'await' expression",
                 ["websocket-warning": noCaptures]),
        PackCase(.warning, "netra_backend.app.websocket_core.handlers", "heartbeat missed", ["websocket-warning": noCaptures]),
        PackCase(.error, "netra_backend.app.websocket_core.gcp_initialization_validator",
                 "[RACE CONDITION DETECTED: Startup phase 'no_app_state' did not reach 'services' within 2.1s - this would cause WebSocket 1011 errors",
                 ["websocket-warning": noCaptures]),
        PackCase(.info, wsManager, "WebSocket Manager module loaded - SSOT consolidation active (Issue #824 remediation)"),
        PackCase(.warning, "logging", "Session access failed (middleware not installed?): SessionMiddleware must be installed to access request.session"),
    ]

    static let idCases: [PackCase] = [
        PackCase(.info, "netra_backend.app.core.unified_id_manager", "UnifiedIDManager initialized",
                 ["id-manager-initialized": noCaptures]),
        PackCase(.debug, nil, "  UnifiedIDManager initialized ", ["id-manager-initialized": noCaptures]),
        PackCase(.info, nil, "UnifiedIDManager initialized with legacy fallback"),
        PackCase(.info, nil, "Legacy UnifiedIDManager initialized"),
        PackCase(.debug, "netra_backend.app.core.unified_id_manager", "Generated user ID: test_user_15_806c8b38"),
        PackCase(.warning, "netra_backend.app.auth_integration.auth",
                 "AUTH VALIDATION TIMEOUT: user_id: usr_f0397722, connection: main_57a7aacf, elapsed: 0.1011s",
                 ["id-binding-user-connection": ["user": ["usr_f0397722"], "entity": ["main_57a7aacf"]]]),
        PackCase(.debug, nil, "bound user_id: demo-user-030, connection: main_898ad495.",
                 ["id-binding-user-connection": ["user": ["demo-user-030"], "entity": ["main_898ad495"]]]),
    ]

    static let databaseCases: [PackCase] = [
        PackCase(.error, smd,
                 "Database initialization timeout after 8.0s in staging environment. This may indicate Cloud SQL connection issues. Check POSTGRES_HOST configuration and Cloud SQL instance accessibility.",
                 ["database-timeout": noCaptures]),
        PackCase(.error, smd,
                 " FAIL:  PHASE FAILED: DATABASE - Database initialization timeout after 8.0s in staging environment. This may indicate Cloud SQL connection issues.",
                 ["database-timeout": noCaptures]),
        PackCase(.error, "netra_backend.app.core.middleware_setup",
                 "uvicorn-compatible session middleware error: CRITICAL STARTUP FAILURE: Database initialization timeout after 8.0s in staging environment.",
                 ["database-timeout": noCaptures]),
        PackCase(.error, nil, "database connection timeout after 3.0s", ["database-timeout": noCaptures]),
        PackCase(.error, nil, "Timeout connecting to Cloud SQL instance netra-staging:us-central1:postgres",
                 ["database-timeout": noCaptures]),
        PackCase(.error, "netra_backend.app.db.postgres", "asyncpg connect failed: TimeoutError()",
                 ["database-driver-timeout": noCaptures]),
        PackCase(.error, nil,
                 "sqlalchemy.exc.TimeoutError: QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 30.00",
                 ["database-driver-timeout": noCaptures]),
        PackCase(.error, nil,
                 "(psycopg2.OperationalError) connection to server at \"10.0.0.3\", port 5432 failed: timeout expired",
                 ["database-driver-timeout": noCaptures]),
        // Timeouts that are not the database's, and a database line below WARNING.
        PackCase(.warning, "netra_backend.app.auth_integration.auth",
                 "AUTH VALIDATION TIMEOUT: user_id: demo-user-030, connection: main_898ad495, elapsed: 0.1011s",
                 ["id-binding-user-connection": ["user": ["demo-user-030"], "entity": ["main_898ad495"]]]),
        PackCase(.info, smd,
                 "Initializing database for staging environment with timeout config: {'initialization_timeout': 8.0, 'connection_timeout': 3.0}"),
        PackCase(.critical, smd, "[U+1F4A5] DETERMINISTIC STARTUP SEQUENCE FAILED"),

        PackCase(.error, smd,
                 "Failed to run migrations: (psycopg2.OperationalError) connection to server on socket \"/cloudsql/netra-staging:us-central1:staging-shared-postgres/.s.PGSQL.5432\" failed: No such file or directory",
                 ["database-error": noCaptures]),
        PackCase(.error, nil, "asyncpg.exceptions.ConnectionDoesNotExistError: connection was closed in the middle of operation",
                 ["database-error": noCaptures]),
        PackCase(.error, nil, "sqlalchemy.exc.OperationalError: could not connect to server: Connection refused",
                 ["database-error": noCaptures]),
        PackCase(.critical, nil, "Core database unavailable - running in degraded mode", ["database-error": noCaptures]),
        PackCase(.error, nil, "connection to server at \"10.0.0.3\", port 5432 failed: Connection refused",
                 ["database-error": noCaptures]),
        PackCase(.warning, nil, "connection to server established"),
        PackCase(.info, nil, "asyncpg.exceptions.ConnectionDoesNotExistError during shutdown"),

        PackCase(.info, "netra_backend.app.db.postgres", "Database connection established (pool_size=5)",
                 ["database-recovered": noCaptures]),
        PackCase(.info, nil, "Database initialized successfully", ["database-recovered": noCaptures]),
        PackCase(.warning, nil, "database connection restored after 12.3s", ["database-recovered": noCaptures]),
        PackCase(.debug, nil, "Database connection established"),
    ]

    @Test("duplication", arguments: duplicationCases)
    func duplication(_ testCase: PackCase) { check(testCase) }

    @Test("websocket warnings", arguments: websocketCases)
    func websocket(_ testCase: PackCase) { check(testCase) }

    @Test("ID manager and ID bindings", arguments: idCases)
    func ids(_ testCase: PackCase) { check(testCase) }

    @Test("database timeouts, errors and recovery", arguments: databaseCases)
    func database(_ testCase: PackCase) { check(testCase) }

    private func check(_ testCase: PackCase) {
        let matches = Self.pack.classify(testCase.record)
        var actual: [String: [String: [String]]] = [:]
        for match in matches {
            #expect(actual[match.rule] == nil, "rule \(match.rule) matched twice")
            actual[match.rule] = match.captures
        }
        #expect(actual == testCase.expected)
        for match in matches {
            let rule = Self.pack.rules.first { $0.name == match.rule }
            #expect(rule?.signal == match.signal)
        }
    }

    // MARK: - The sample log as a whole

    /// Builds records straight from the fixture's JSON and plain-text lines, so
    /// this test does not depend on the real parser.
    static func fixtureRecords() throws -> [LogRecord] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/backend-logs", withExtension: "ndjson"))
        let text = try String(contentsOf: url, encoding: .utf8)
        var records: [LogRecord] = []
        for line in text.split(separator: "\n") {
            if line.hasPrefix("{") {
                let object = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                let payload = object["jsonPayload"] as? [String: Any] ?? object
                let message = payload["message"] as? String ?? object["textPayload"] as? String ?? ""
                let loggers = [
                    object["logger"] as? String,
                    (payload["labels"] as? [String: Any])?["module"] as? String,
                    (payload["context"] as? [String: Any])?["name"] as? String,
                ].compactMap { $0 }
                let severity = Severity(parsing: object["severity"] as? String ?? "DEFAULT") ?? .default
                records.append(LogRecord(severity: severity, message: message, loggers: loggers, shape: .otherJSON))
            } else {
                let parts = line.split(separator: " - ", maxSplits: 4, omittingEmptySubsequences: false)
                try #require(parts.count == 5)
                records.append(LogRecord(
                    severity: Severity(parsing: parts[3]) ?? .default, message: String(parts[4]),
                    loggers: [String(parts[2])], shape: .plainText))
            }
        }
        return records
    }

    @Test("classifies the sample log as the incident happened")
    func sampleLog() throws {
        let records = try Self.fixtureRecords()
        #expect(records.count == 43)
        var counts: [Signal: Int] = [:]
        var duplicatedUsers: [[String]] = []
        for record in records {
            let matches = Self.pack.classify(record)
            for signal in Set(matches.map(\.signal)) { counts[signal, default: 0] += 1 }
            duplicatedUsers += matches.filter { $0.signal == .duplication }.map { $0.values("user") }
        }
        #expect(counts[.duplication] == 8)
        #expect(duplicatedUsers == [
            ["demo-user-002"], ["demo-user-008"], ["demo-user-001"], ["demo-user-001"], ["demo-user-037"],
            ["demo-user-026"], ["usr_2dc5fd3d", "demo-user-031"], ["usr_221c4e00", "usr_404b6eaf"],
        ])
        #expect(counts[.databaseTimeout] == 4)
        #expect(counts[.databaseError] == nil)
        #expect(counts[.databaseRecovered] == 1)
        #expect(counts[.idManagerInitialized] == 2)
        #expect(counts[.idBinding] == 4)
        #expect(counts[.websocketWarning] == 13)
    }
}
