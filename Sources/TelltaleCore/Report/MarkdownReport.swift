/// The deploy validation report as Markdown: what people used to write by hand
/// after an hour of log searches, verdict first.
///
/// Everything in it comes from the watch (no I/O). Texts from the logs are
/// already display-safe; table cells additionally escape `|` and are cut to a
/// readable width.
public enum MarkdownReport {
    public static func render(_ watch: DeployWatch, verdict: DeployVerdict, title: String = "Deploy validation") -> String {
        var out = ""
        let now = watch.now ?? 0
        let window = DurationText.format(seconds: watch.windows.long)
        let short = DurationText.format(seconds: watch.windows.short)
        let mark: String
        switch verdict.verdict {
        case .pass: mark = "PASS ✅"
        case .fail: mark = "FAIL ❌"
        case .inconclusive: mark = "INCONCLUSIVE ⚠️"
        }
        out += "# \(title): \(mark)\n\n"

        let failed = verdict.checks.filter { $0.status == .fail }.map(\.name)
        let unsure = verdict.checks.filter { $0.status == .inconclusive }.map(\.name)
        var summary = "**\(verdict.verdict.rawValue.uppercased())**"
        if !failed.isEmpty {
            summary += ": \(failed.count) of \(verdict.checks.count) checks failed (\(failed.joined(separator: ", ")))."
        } else if !unsure.isEmpty {
            summary += ": could not decide \(unsure.joined(separator: ", "))."
        } else if verdict.verdict == .pass {
            summary += ": every check passed."
        } else {
            summary += "."
        }
        out += summary + "\n"
        for note in verdict.notes { out += "\n> ⚠️ \(note)" }
        if !verdict.notes.isEmpty { out += "\n" }
        out += "\n"
        if let t = watch.now { out += "- Window: the last \(window) ending \(TimeText.dateTime(t)) UTC (newest log time)\n" }
        out += "- Watched users: " + (watch.watchedUsers.isEmpty ? "none (criteria apply to every user)" : watch.watchedUsers.map { "`\($0)`" }.joined(separator: ", ")) + "\n"
        out += "- Input: \(watch.lines.total) entries (\(watch.lines.parsed) parsed, \(watch.lines.unparsed) unparsed"
        out += watch.lines.truncated > 0 ? ", \(watch.lines.truncated) cut at the line cap)" : ")"
        out += " from \(watch.sources.count) source\(watch.sources.count == 1 ? "" : "s")\n"
        if let deploy = watch.deploys.lastDeploy {
            out += "- Last deploy: `\(deploy.revision)` at \(TimeText.dateTime(deploy.at)) UTC (\(deploy.origin.rawValue))\n"
        } else {
            out += "- Last deploy: none seen" + (watch.deploys.currentRevision.map { " (revision `\($0)` throughout)" } ?? "") + "\n"
        }

        out += "\n## Checks\n\n| check | status | detail |\n| --- | --- | --- |\n"
        for check in verdict.checks {
            out += "| \(check.name) | \(statusMark(check.status)) | \(cell(check.detail, width: 400)) |\n"
        }
        for check in verdict.checks where !check.evidence.isEmpty {
            out += "\nEvidence for `\(check.name)` (newest last):\n\n```\n"
            for record in check.evidence { out += logLine(record) + "\n" }
            out += "```\n"
        }

        out += "\n## Health\n\n"
        if watch.health.isEmpty {
            out += "No health endpoint was polled.\n"
        } else {
            out += "| endpoint | state | last status | latency | polls | failures | last failure |\n| --- | --- | --- | --- | --- | --- | --- |\n"
            for endpoint in watch.health {
                let last = endpoint.lastResult
                let status = last?.status.map(String.init) ?? "—"
                let latency = last.map { DurationText.format(seconds: $0.latency) } ?? "—"
                let failure = endpoint.lastFailure.map { "\(TimeText.clock($0.at)) \($0.reason)" } ?? "—"
                out += "| \(cell(endpoint.name)) | \(endpoint.state.rawValue) | \(status) | \(latency) | \(endpoint.resultCount) | \(endpoint.failureCount) | \(cell(failure, width: 200)) |\n"
            }
        }

        out += "\n## Deploys\n\n"
        if watch.deploys.deploys.isEmpty {
            out += "No deploy seen.\n"
        } else {
            out += "| at (UTC) | revision | detected from |\n| --- | --- | --- |\n"
            for deploy in watch.deploys.deploys {
                out += "| \(TimeText.dateTime(deploy.at)) | \(cell(deploy.revision)) | \(deploy.origin.rawValue) |\n"
            }
        }

        out += "\n## Duplication per user\n\n"
        let users = watch.duplication.users(now: now)
        out += "\(watch.duplication.totalEntries) duplication entries in all, \(watch.duplication.entries(inLast: watch.windows.long, now: now)) in the last \(window), \(watch.duplication.entriesSinceDeploy()) since the deploy.\n\n"
        if !users.isEmpty {
            out += "| user | total | \(short) | \(window) | since deploy | last seen |\n| --- | --- | --- | --- | --- | --- |\n"
            for u in users.prefix(30) {
                let name = (u.watched ? "★ " : "") + u.user
                let total = u.error > 0 ? "≤\(u.total) (±\(u.error))" : "\(u.total)"
                let seen = u.lastSeen.map(TimeText.clock) ?? "never"
                out += "| \(cell(name)) | \(total) | \(u.short) | \(u.long) | \(u.sinceDeploy) | \(seen) |\n"
            }
            if users.count > 30 { out += "\n… and \(users.count - 30) more users.\n" }
            if watch.duplication.evictedUsers > 0 {
                out += "\n\(watch.duplication.evictedUsers) rarely seen users were evicted from the table (their entries stay in the totals).\n"
            }
        }

        out += "\n## WebSocket manager warnings\n\n"
        out += "\(watch.websocket.total) warnings in all, \(watch.websocket.count(inLast: watch.windows.long, now: now)) in the last \(window), \(watch.websocket.sinceDeploy()) since the deploy.\n\n"
        let templates = watch.websocket.templates(now: now)
        if !templates.isEmpty {
            out += "| count | \(short) | \(window) | since deploy | template |\n| --- | --- | --- | --- | --- |\n"
            for t in templates.prefix(20) {
                out += "| \(t.count) | \(t.short) | \(t.long) | \(t.sinceDeploy) | \(cell(t.template, width: 160)) |\n"
            }
        }

        out += "\n## ID manager\n\n"
        let idm = watch.idManager
        if idm.initializedCount > 0 {
            let first = idm.firstInitialized.map(TimeText.clock) ?? "?"
            let last = idm.lastInitialized.map(TimeText.clock) ?? "?"
            out += "- Initialized: yes, \(idm.initializedCount)× (first \(first), last \(last)), \(idm.initializedSinceDeploy())× since the deploy\n"
        } else {
            out += "- Initialized: not seen\n"
        }
        out += "- IDs seen: unified \(idm.idCounts[.unified] ?? 0), legacy \(idm.idCounts[.legacy] ?? 0), fallback \(idm.idCounts[.fallback] ?? 0)\n"
        out += "- Collisions: \(idm.collisionCount) (\(idm.collisionsSinceDeploy()) since the deploy)\n"
        for c in idm.recentCollisions.suffix(10) {
            out += "  - \(TimeText.clock(c.at)) `\(c.entity)` bound to \(c.users.map { "`\($0)`" }.joined(separator: " and "))\n"
        }

        out += "\n## Database\n\n"
        let db = watch.database
        out += "- State: \(db.state(now: now).rawValue)" + (db.upSince.map { " (up since \(TimeText.clock($0)))" } ?? "") + "\n"
        out += "- Timeouts: \(db.timeouts) in all, \(db.timeouts(inLast: watch.windows.long, now: now)) in the last \(window), \(db.timeoutsSinceDeploy()) since the deploy\n"
        out += "- Connection errors: \(db.errors) in all, \(db.errors(inLast: watch.windows.long, now: now)) in the last \(window), \(db.errorsSinceDeploy()) since the deploy\n"
        if let failure = db.lastFailure {
            out += "- Last failure: \(TimeText.clock(failure.at)) \(cell(failure.text, width: 300))\n"
        }

        out += "\n## Sources\n\n| source | state | bytes | entries | reconnects |\n| --- | --- | --- | --- | --- |\n"
        for s in watch.sources {
            out += "| \(cell(s.name)) | \(cell(s.state.label)) | \(s.bytes) | \(s.entries) | \(s.reconnects) |\n"
        }
        return out
    }

    static func statusMark(_ status: CheckStatus) -> String {
        switch status {
        case .pass: "✅ pass"
        case .fail: "❌ fail"
        case .skipped: "➖ skipped"
        case .inconclusive: "⚠️ inconclusive"
        }
    }

    /// One log entry as a line of evidence: time, severity, logger, message.
    static func logLine(_ r: LogRecord) -> String {
        let time = r.time.map(TimeText.clockMillis) ?? "--:--:--.---"
        let logger = r.logger.split(separator: ".").last.map(String.init) ?? ""
        let text = "\(time) \(r.severity.name) \(logger.isEmpty ? "" : logger + " ")\(r.message)"
        return cut(text, width: 300)
    }

    /// A table cell: `|` escaped, newlines flattened, cut to `width` characters.
    static func cell(_ text: String, width: Int = 120) -> String {
        cut(text, width: width).replacingPipes()
    }

    static func cut(_ text: String, width: Int) -> String {
        guard text.count > width else { return text }
        return String(text.prefix(width - 1)) + "…"
    }
}

extension String {
    fileprivate func replacingPipes() -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for ch in self {
            if ch == "|" { out += "\\|" } else if ch == "\n" { out += " " } else { out.append(ch) }
        }
        return out
    }
}
