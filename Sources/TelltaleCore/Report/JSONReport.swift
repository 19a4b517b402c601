/// The deploy validation report as one JSON object, for pipelines.
///
/// The key names are a documented interface (README, "JSON report"): `verdict`,
/// `lines`, `duplication`, `websocket`, `idManager`, `db`, `deploys`, `checks`
/// are stable; further keys may be added, never renamed.
public enum JSONReport {
    public static func render(_ watch: DeployWatch, verdict: DeployVerdict) -> String {
        value(watch, verdict: verdict).prettyText + "\n"
    }

    public static func value(_ watch: DeployWatch, verdict: DeployVerdict) -> JSONValue {
        let now = watch.now ?? 0
        let users = watch.duplication.users(now: now)
        let lastDeploy = watch.lastDeployTime
        var root: [(key: String, value: JSONValue)] = []
        root.append(("verdict", .string(verdict.verdict.rawValue)))
        root.append(("now", watch.now.map { .string(TimeText.iso8601($0)) } ?? .null))
        root.append(("window", .object([
            ("short", .number(watch.windows.short)), ("long", .number(watch.windows.long)),
        ])))
        root.append(("watchUsers", .array(watch.watchedUsers.map { .string($0) })))
        root.append(("lines", .object([
            ("total", .number(Double(watch.lines.total))),
            ("parsed", .number(Double(watch.lines.parsed))),
            ("unparsed", .number(Double(watch.lines.unparsed))),
            ("truncated", .number(Double(watch.lines.truncated))),
        ])))
        root.append(("duplication", .object([
            ("total", .number(Double(watch.duplication.totalEntries))),
            ("sinceDeploy", .number(Double(watch.duplication.entriesSinceDeploy()))),
            ("inWindow", .number(Double(watch.duplication.entries(inLast: watch.windows.long, now: now)))),
            ("users", .object(users.map { ($0.user, .number(Double($0.total))) })),
            ("usersAfterDeploy", lastDeploy == nil ? .object([]) : .object(users.filter { $0.sinceDeploy > 0 || $0.watched }.map { ($0.user, .number(Double($0.sinceDeploy))) })),
            ("usersInWindow", .object(users.filter { $0.long > 0 || $0.watched }.map { ($0.user, .number(Double($0.long))) })),
            ("inexactUsers", .object(users.filter { $0.error > 0 }.map { ($0.user, .number(Double($0.error))) })),
            ("evictedUsers", .number(Double(watch.duplication.evictedUsers))),
        ])))
        root.append(("websocket", .object([
            ("warnings", .number(Double(watch.websocket.total))),
            ("sinceDeploy", .number(Double(watch.websocket.sinceDeploy()))),
            ("templates", .array(watch.websocket.templates(now: now).map {
                .object([
                    ("template", .string($0.template)), ("count", .number(Double($0.count))),
                    ("sinceDeploy", .number(Double($0.sinceDeploy))), ("inWindow", .number(Double($0.long))),
                ])
            })),
        ])))
        let idm = watch.idManager
        root.append(("idManager", .object([
            ("initialized", .bool(idm.initializedCount > 0)),
            ("initializedCount", .number(Double(idm.initializedCount))),
            ("initializedSinceDeploy", .number(Double(idm.initializedSinceDeploy()))),
            ("unifiedIds", .number(Double(idm.idCounts[.unified] ?? 0))),
            ("legacyIds", .number(Double(idm.idCounts[.legacy] ?? 0))),
            ("fallbackIds", .number(Double(idm.idCounts[.fallback] ?? 0))),
            ("collisions", .number(Double(idm.collisionCount))),
            ("collisionsSinceDeploy", .number(Double(idm.collisionsSinceDeploy()))),
            ("collisionList", .array(idm.recentCollisions.map {
                .object([("entity", .string($0.entity)), ("users", .array($0.users.map { .string($0) })), ("at", .string(TimeText.iso8601($0.at)))])
            })),
        ])))
        let db = watch.database
        root.append(("db", .object([
            ("timeouts", .number(Double(db.timeouts))),
            ("errors", .number(Double(db.errors))),
            ("state", .string(db.state(now: now).rawValue)),
            ("timeoutsSinceDeploy", .number(Double(db.timeoutsSinceDeploy()))),
            ("errorsSinceDeploy", .number(Double(db.errorsSinceDeploy()))),
            ("lastFailure", db.lastFailure.map { .object([("at", .string(TimeText.iso8601($0.at))), ("text", .string($0.text))]) } ?? .null),
        ])))
        root.append(("deploys", .array(watch.deploys.deploys.map {
            .object([("at", .string(TimeText.iso8601($0.at))), ("revision", .string($0.revision)), ("origin", .string($0.origin.rawValue))])
        })))
        root.append(("health", .array(watch.health.map { endpoint in
            .object([
                ("endpoint", .string(endpoint.name)),
                ("state", .string(endpoint.state.rawValue)),
                ("status", endpoint.lastResult?.status.map { .number(Double($0)) } ?? .null),
                ("latency", endpoint.lastResult.map { .number(($0.latency * 1000).rounded() / 1000) } ?? .null),
                ("polls", .number(Double(endpoint.resultCount))),
                ("failures", .number(Double(endpoint.failureCount))),
                ("lastFailure", endpoint.lastFailure.map { .string($0.reason) } ?? .null),
            ])
        })))
        root.append(("sources", .array(watch.sources.map {
            .object([
                ("name", .string($0.name)), ("state", .string($0.state.label)),
                ("bytes", .number(Double($0.bytes))), ("entries", .number(Double($0.entries))),
                ("reconnects", .number(Double($0.reconnects))),
            ])
        })))
        root.append(("checks", .array(verdict.checks.map {
            .object([("name", .string($0.name)), ("status", .string($0.status.rawValue)), ("detail", .string($0.detail))])
        })))
        root.append(("notes", .array(verdict.notes.map { .string($0) })))
        return .object(root)
    }
}
