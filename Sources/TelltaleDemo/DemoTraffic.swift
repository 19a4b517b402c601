/// Generates the ordinary traffic of one simulated second after recovery.
///
/// Each second draws from its own seeded stream, so any window of the story can be produced
/// on its own and still match a full replay. Before the deploy the WebSocket duplication bug
/// fires often, mostly for `demo-user-001`; after it the bug is fixed for that user and only
/// rare duplications for a few others remain.
struct DemoTraffic {
    let seed: UInt64

    private enum Kind {
        case request, agentRun, managerCreated, generatedUserID, cacheHit, sessionFailed
        case noUserContext, awaitError, duplication, authTimeout, raceCondition, duplicateRegistration, healthProbe
    }

    private static let websocketManager = "netra_backend.app.websocket_core.websocket_manager"
    private static let validationEnhancer = "netra_backend.app.websocket_core.ssot_validation_enhancer"

    /// The user the duplication bug hits before the deploy.
    static let mainDuplicatedUser = "demo-user-001"
    /// Other users with duplications, repeated to skew how often each is picked.
    private static let otherDuplicatedUsers = [
        "demo-user-002", "demo-user-002", "demo-user-002", "demo-user-007", "demo-user-007", "demo-user-013", "demo-user-026",
    ]

    func entries(inSecond second: Int) -> [DemoEntry] {
        guard second >= DemoStory.trafficStart else { return [] }
        var random = SplitMix64.stream(seed: seed, index: UInt64(second))
        let afterDeploy = Double(second) >= DemoStory.deployTime
        let count = random.within(5...20)
        var offsets = (0..<count).map { _ in random.unit() }
        offsets.sort()
        var entries: [DemoEntry] = []
        for offset in offsets {
            let time = Double(second) + offset
            let kind = random.weighted(afterDeploy ? Self.postDeployWeights : Self.preDeployWeights)
            entries += make(kind, at: time, afterDeploy: afterDeploy, random: &random)
        }
        return entries
    }

    private static let preDeployWeights: [(weight: Int, value: Kind)] = [
        (30, .request), (12, .agentRun), (8, .managerCreated), (8, .generatedUserID), (6, .cacheHit),
        (6, .sessionFailed), (3, .noUserContext), (2, .awaitError), (12, .duplication), (3, .authTimeout),
        (2, .raceCondition), (1, .duplicateRegistration), (4, .healthProbe),
    ]

    private static let postDeployWeights: [(weight: Int, value: Kind)] = [
        (30, .request), (12, .agentRun), (8, .managerCreated), (8, .generatedUserID), (6, .cacheHit),
        (6, .sessionFailed), (3, .noUserContext), (1, .awaitError), (1, .duplication), (2, .authTimeout), (4, .healthProbe),
    ]

    private func make(_ kind: Kind, at time: Double, afterDeploy: Bool, random: inout SplitMix64) -> [DemoEntry] {
        func entry(_ severity: String, _ logger: String, _ message: String, fact: DemoEntry.Fact? = nil) -> DemoEntry {
            DemoEntry(time: time, shape: shape(&random), severity: severity, logger: logger,
                      message: message, fact: fact, noise: random.next())
        }
        switch kind {
        case .request:
            let user = "demo-user-" + threeDigits(random.within(1...40))
            return [entry("INFO", "netra_backend.app.routes.threads",
                          "GET /api/threads/\(user) 200 \(random.within(12...900))ms")]
        case .agentRun:
            let seconds = Double(random.within(20...450)) / 100
            return [entry("INFO", "netra_backend.app.agents.supervisor",
                          "Agent run completed for thread session_\(random.within(10_000...99_999))_\(random.hex8()) in \(twoDecimals(seconds))s")]
        case .managerCreated:
            return [entry("INFO", Self.websocketManager,
                          "WebSocket manager created and registered for user \(someUser(&random)), total registered: \(random.within(1...12))")]
        case .generatedUserID:
            return [entry("DEBUG", "netra_backend.app.core.unified_id_manager",
                          "Generated user ID: test_user_\(random.within(1...99))_\(random.hex8())")]
        case .cacheHit:
            return [entry("INFO", "netra_backend.app.cache",
                          "Cache deduplication hit for user \(someUser(&random)) (duplicate request suppressed)")]
        case .sessionFailed:
            return [entry("WARNING", "logging",
                          "Session access failed (middleware not installed?): SessionMiddleware must be installed to access request.session")]
        case .noUserContext:
            return [entry("WARNING", Self.websocketManager,
                          "No user_context provided, creating test instance with user_id=test_user_\(random.within(1...99))_\(random.hex8())")]
        case .awaitError:
            return [entry("ERROR", "netra_backend.app.routes.websocket_ssot",
                          "object _UnifiedWebSocketManagerImplementation can't be used in 'await' expression")]
        case .healthProbe:
            var probe = DemoStory.healthProbe(at: time, status: 200, latency: Double(random.within(2_000...40_000)) / 1_000_000)
            probe.noise = random.next()
            return [probe]
        case .duplication:
            return duplication(at: time, afterDeploy: afterDeploy, random: &random)
        case .authTimeout:
            return [entry("WARNING", "netra_backend.app.auth_integration.auth",
                          "AUTH VALIDATION TIMEOUT: user_id: \(someUser(&random)), connection: main_\(random.hex8()), elapsed: 0.\(random.within(1000...1200))s")]
        case .raceCondition:
            return [entry("ERROR", "netra_backend.app.websocket_core.gcp_initialization_validator",
                          "[RACE CONDITION DETECTED: Startup phase 'no_app_state' did not reach 'services' within 2.1s - this would cause WebSocket 1011 errors")]
        case .duplicateRegistration:
            let existing = "usr_" + random.hex8()
            let requested = "usr_" + random.hex8()
            return [entry("CRITICAL", "netra_backend.app.websocket_core.connection_state_machine",
                          "DUPLICATE CONNECTION REGISTRATION DETECTED: Connection main_\(random.hex8()) already registered. Existing state: CONNECTED, User: \(existing), Requested User: \(requested). This indicates a race condition in connection setup. Returning existing machine to prevent state corruption.",
                          fact: .duplicateRegistration(existingUser: existing, requestedUser: requested))]
        }
    }

    /// One duplication event: a warning per affected user, then the validation list naming
    /// them all, sometimes escalated to an `SSOT VIOLATION` error.
    private func duplication(at time: Double, afterDeploy: Bool, random: inout SplitMix64) -> [DemoEntry] {
        func entry(_ severity: String, _ logger: String, _ message: String, _ fact: DemoEntry.Fact, _ offset: Double)
            -> DemoEntry
        {
            DemoEntry(time: time + offset, shape: shape(&random), severity: severity, logger: logger,
                      message: message, fact: fact, noise: random.next())
        }
        var users: [String] = []
        if !afterDeploy && random.chance(0.7) {
            users.append(Self.mainDuplicatedUser)
        } else {
            users.append(Self.otherDuplicatedUsers[random.below(Self.otherDuplicatedUsers.count)])
        }
        if random.chance(0.15) {
            let second = Self.otherDuplicatedUsers[random.below(Self.otherDuplicatedUsers.count)]
            if !users.contains(second) { users.append(second) }
        }
        var entries: [DemoEntry] = []
        for (index, user) in users.enumerated() {
            entries.append(entry("WARNING", Self.validationEnhancer,
                                 "SSOT VALIDATION: Multiple manager instances for user \(user) - potential duplication",
                                 .duplicationWarning(user: user), Double(index) * 0.0001))
        }
        let issues = users.map { "'Multiple manager instances for user \($0) - potential duplication'" }
        entries.append(entry("WARNING", Self.validationEnhancer,
                             "SSOT validation issues (non-blocking): [\(issues.joined(separator: ", "))]",
                             .duplicationIssueList(users: users), 0.0003))
        if random.chance(afterDeploy ? 0.1 : 0.3) {
            entries.append(entry("ERROR", Self.websocketManager,
                                 "SSOT VIOLATION: Multiple manager instances for user \(users[0])",
                                 .ssotViolation(user: users[0]), 0.0004))
        }
        return entries
    }

    private func shape(_ random: inout SplitMix64) -> DemoLogShape {
        random.weighted([(35, .appJSON), (25, .unifiedJSON), (30, .logEntry), (10, .plainText)])
    }

    /// A user id as the backend logs them: demo users and opaque `usr_` ids.
    private func someUser(_ random: inout SplitMix64) -> String {
        random.chance(0.6) ? "demo-user-" + threeDigits(random.within(1...40)) : "usr_" + random.hex8()
    }

    private func threeDigits(_ value: Int) -> String {
        DemoTimestamp.zeroPadded(value, width: 3)
    }

    private func twoDecimals(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
