/// The fixed, scripted part of the deploy: startups, the database failure, the recovery
/// and the new revision.
///
/// Times are simulated seconds; traffic between them comes from `DemoTraffic`.
enum DemoStory {
    /// Simulated second at which the new revision starts serving.
    static let deployTime = 150.0
    /// Simulated second at which the first revision recovers.
    static let recoveryTime = 40.0
    /// First simulated second with generated traffic.
    static let trafficStart = 41

    /// The phase changes, in order.
    static let phaseChanges: [(time: Double, phase: DemoPhase)] = [
        (0, .startingUp), (8, .startupFailed), (20, .startingUp), (28, .startupFailed),
        (recoveryTime, .serving), (deployTime, .deployed),
    ]

    static func phase(at time: Double) -> DemoPhase {
        var current = DemoPhase.startingUp
        for change in phaseChanges where change.time <= time {
            current = change.phase
        }
        return current
    }

    static let databaseTimeout = "Database initialization timeout after 8.0s in staging environment. "
        + "This may indicate Cloud SQL connection issues. Check POSTGRES_HOST configuration and Cloud SQL instance accessibility."

    private static let smd = "netra_backend.app.smd"
    private static let idManager = "netra_backend.app.core.unified_id_manager"
    private static let postgres = "netra_backend.app.db.postgres"
    private static let websocketManager = "netra_backend.app.websocket_core.websocket_manager"

    /// Every scripted entry, sorted by time; noise is drawn from the seed.
    static func entries(seed: UInt64) -> [DemoEntry] {
        var entries = startup(at: 0) + failure(at: 8) + startup(at: 20) + failure(at: 28)
            + recovery(at: recoveryTime) + deploy(at: deployTime)
        var random = SplitMix64.stream(seed: seed, index: 0xC0FFEE)
        for index in entries.indices {
            entries[index].noise = random.next()
        }
        return entries.sorted { $0.time < $1.time }
    }

    private static func startup(at time: Double) -> [DemoEntry] {
        [
            DemoEntry(time: time + 0.2, shape: .logEntry, severity: "INFO", logger: "run.googleapis.com",
                      message: "Starting new instance. Reason: DEPLOYMENT_ROLLOUT - Instance started due to traffic shifting between revisions due to deployment, traffic split adjustment, or deployment health check.",
                      isPlatformText: true),
            DemoEntry(time: time + 3, shape: .plainText, severity: "INFO", logger: smd,
                      message: "Starting deterministic startup sequence for staging environment"),
            DemoEntry(time: time + 5, shape: .unifiedJSON, severity: "INFO", logger: smd,
                      message: " CYCLE:  PHASE TRANSITION  ->  DATABASE"),
            DemoEntry(time: time + 6, shape: .unifiedJSON, severity: "INFO", logger: smd,
                      message: "Initializing database for staging environment with timeout config: {'initialization_timeout': 8.0, 'connection_timeout': 3.0}"),
        ]
    }

    private static func failure(at time: Double) -> [DemoEntry] {
        [
            DemoEntry(time: time, shape: .logEntry, severity: "ERROR", logger: smd,
                      message: databaseTimeout, fact: .databaseTimeout),
            DemoEntry(time: time + 0.005, shape: .appJSON, severity: "ERROR", logger: smd,
                      message: databaseTimeout, fact: .databaseTimeout),
            DemoEntry(time: time + 0.01, shape: .plainText, severity: "ERROR", logger: smd,
                      message: " FAIL:  PHASE FAILED: DATABASE - Database initialization timeout after 8.0s in staging environment. This may indicate Cloud SQL connection issues."),
            DemoEntry(time: time + 0.015, shape: .appJSON, severity: "ERROR", logger: "netra_backend.app.db.migrations",
                      message: "Failed to run migrations: (psycopg2.OperationalError) connection to server on socket \"/cloudsql/netra-staging:us-central1:staging-shared-postgres/.s.PGSQL.5432\" failed: Connection timed out"),
            DemoEntry(time: time + 0.02, shape: .appJSON, severity: "ERROR", logger: "netra_backend.app.core.middleware_setup",
                      message: "uvicorn-compatible session middleware error: CRITICAL STARTUP FAILURE: Database initialization timeout after 8.0s in staging environment."),
            DemoEntry(time: time + 0.1, shape: .logEntry, severity: "CRITICAL", logger: smd,
                      message: "[U+1F4A5] DETERMINISTIC STARTUP SEQUENCE FAILED"),
            DemoEntry(time: time + 0.2, shape: .unifiedJSON, severity: "ERROR", logger: "uvicorn.error",
                      message: "Application startup failed. Exiting."),
            DemoEntry(time: time + 0.5, shape: .logEntry, severity: "WARNING", logger: "run.googleapis.com",
                      message: "Container called exit(3).", isPlatformText: true),
            // The health probes that waited on the failing startup, as slow as in the incident.
            healthProbe(at: time + 0.6, status: 503, latency: 13.04),
            healthProbe(at: time + 2, status: 503, latency: 3.61),
        ]
    }

    /// Cloud Run's request log of a `GET /health` (Cloud Logging gives 5xx requests ERROR).
    static func healthProbe(at time: Double, status: Int, latency: Double) -> DemoEntry {
        DemoEntry(time: time, shape: .logEntry, severity: status >= 500 ? "ERROR" : "INFO", logger: "run.googleapis.com",
                  message: "", request: DemoEntry.Request(
                      method: "GET", url: "https://netra-backend-staging-701982941522.us-central1.run.app/health",
                      status: status, latency: latency, userAgent: "GoogleHC/1.0"))
    }

    private static func recovery(at time: Double) -> [DemoEntry] {
        [
            DemoEntry(time: time, shape: .unifiedJSON, severity: "INFO", logger: postgres,
                      message: "Database connection established (pool_size=5)", fact: .databaseConnected),
            DemoEntry(time: time + 0.1, shape: .appJSON, severity: "INFO", logger: idManager,
                      message: "UnifiedIDManager initialized", fact: .idManagerInitialized),
            DemoEntry(time: time + 0.15, shape: .logEntry, severity: "INFO", logger: idManager,
                      message: "UnifiedIDManager initialized", fact: .idManagerInitialized),
        ] + websocketModuleLoaded(at: time + 0.2)
    }

    private static func deploy(at time: Double) -> [DemoEntry] {
        [
            DemoEntry(time: time, shape: .logEntry, severity: "INFO", logger: "run.googleapis.com",
                      message: "Starting new instance. Reason: DEPLOYMENT_ROLLOUT - Instance started due to traffic shifting between revisions due to deployment, traffic split adjustment, or deployment health check.",
                      isPlatformText: true),
            DemoEntry(time: time + 0.05, shape: .unifiedJSON, severity: "INFO", logger: smd,
                      message: " CYCLE:  PHASE TRANSITION  ->  DATABASE"),
            DemoEntry(time: time + 0.1, shape: .logEntry, severity: "INFO", logger: postgres,
                      message: "Database connection established (pool_size=5)", fact: .databaseConnected),
            DemoEntry(time: time + 0.15, shape: .logEntry, severity: "INFO", logger: idManager,
                      message: "UnifiedIDManager initialized", fact: .idManagerInitialized),
            DemoEntry(time: time + 0.2, shape: .appJSON, severity: "INFO", logger: idManager,
                      message: "UnifiedIDManager initialized", fact: .idManagerInitialized),
        ] + websocketModuleLoaded(at: time + 0.3)
    }

    private static func websocketModuleLoaded(at time: Double) -> [DemoEntry] {
        [
            DemoEntry(time: time, shape: .plainText, severity: "INFO", logger: websocketManager,
                      message: "WebSocket Manager module loaded - SSOT consolidation active (Issue #824 remediation)"),
            DemoEntry(time: time + 0.1, shape: .logEntry, severity: "INFO", logger: "netra_backend.app.websocket_core",
                      message: "WebSocket SSOT loaded - CRITICAL SECURITY MIGRATION: Factory pattern available, singleton vulnerabilities mitigated"),
            DemoEntry(time: time + 0.2, shape: .appJSON, severity: "WARNING", logger: websocketManager,
                      message: "SSOT WARNING: Found other WebSocket Manager classes: ['netra_backend.app.websocket_core.websocket_manager.UnifiedWebSocketManager', 'netra_backend.app.websocket_core.websocket_manager.WebSocketManagerFactory']"),
            DemoEntry(time: time + 0.3, shape: .plainText, severity: "INFO", logger: websocketManager,
                      message: "WebSocket Manager SSOT validation: WARNING"),
        ]
    }
}
