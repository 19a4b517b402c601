/// Turns a script entry into the exact text the staging backend prints in a given shape.
///
/// Field names and their order follow the samples, so a parser built against the real
/// backend reads the demo unchanged.
struct DemoLogFormatter {
    static let serviceName = "netra-backend-staging"
    static let firstRevision = "netra-backend-staging-00642-9vv"
    static let secondRevision = "netra-backend-staging-00643-k2d"

    /// Seconds since 1970 of simulated time zero.
    let start: Double

    func line(for entry: DemoEntry, revision: String) -> DemoLogLine {
        let time = start + entry.time
        let text: String
        switch entry.shape {
        case .appJSON: text = appJSON(entry, time: time)
        case .unifiedJSON: text = unifiedJSON(entry, time: time)
        case .logEntry: text = logEntry(entry, time: time, revision: revision)
        case .plainText: text = plainText(entry, time: time)
        }
        return DemoLogLine(text: text, shape: entry.shape, severity: entry.severity)
    }

    private func appJSON(_ entry: DemoEntry, time: Double) -> String {
        "{\"severity\": \(quoted(entry.severity)), \"message\": \(quoted(entry.message)), "
            + "\"timestamp\": \(quoted(DemoTimestamp(time).isoOffset)), \(labelsAndContext(entry))}"
    }

    private func unifiedJSON(_ entry: DemoEntry, time: Double) -> String {
        let stamp = quoted(DemoTimestamp(time).isoZulu)
        // The unified formatter attaches this error object to every line, error or not:
        // a bug of the backend that watchers must not count as an error.
        return "{\"timestamp\": \(stamp), \"severity\": \(quoted(entry.severity)), \"service\": \"netra-backend\", "
            + "\"logger\": \(quoted(entry.logger)), \"message\": \(quoted(entry.message)), "
            + "\"error\": {\"message\": \"Missing field\", \"type\": \"str\", \"severity\": \"ERROR\", "
            + "\"timestamp\": \(stamp), \"traceback\": \"\"}}"
    }

    private func logEntry(_ entry: DemoEntry, time: Double, revision: String) -> String {
        let insertID = DemoHex.digits(entry.noise & 0xFFFF_FFFF_FFFF, width: 12)
        let payload: String
        if let request = entry.request {
            payload = "\"httpRequest\": {\"requestMethod\": \(quoted(request.method)), \"requestUrl\": \(quoted(request.url)), "
                + "\"status\": \(request.status), \"latency\": \"\(Self.seconds(request.latency))s\", "
                + "\"userAgent\": \(quoted(request.userAgent))}"
        } else if entry.isPlatformText {
            payload = "\"textPayload\": \(quoted(entry.message))"
        } else {
            payload = "\"jsonPayload\": {\"message\": \(quoted(entry.message)), "
                + "\"timestamp\": \(quoted(DemoTimestamp(time).isoOffset)), \(labelsAndContext(entry))}"
        }
        let logName = entry.request != nil ? "run.googleapis.com%2Frequests"
            : entry.isPlatformText ? "run.googleapis.com%2Fvarlog%2Fsystem" : "run.googleapis.com%2Fstderr"
        return "{\"insertId\": \"\(insertID)\", \"logName\": \"projects/netra-staging/logs/\(logName)\", "
            + "\"receiveTimestamp\": \(quoted(DemoTimestamp(time + 0.04).isoZulu)), "
            + "\"resource\": {\"type\": \"cloud_run_revision\", \"labels\": {\"service_name\": \"\(Self.serviceName)\", "
            + "\"revision_name\": \(quoted(revision)), \"location\": \"us-central1\", \"project_id\": \"netra-staging\"}}, "
            + "\"severity\": \(quoted(entry.severity)), \"timestamp\": \(quoted(DemoTimestamp(time).isoZulu)), \(payload)}"
    }

    /// A latency as Cloud Logging prints it: seconds with up to six decimals, no trailing zeros.
    static func seconds(_ value: Double) -> String {
        let micros = Int((value * 1_000_000).rounded())
        var fraction = DemoTimestamp.zeroPadded(micros % 1_000_000, width: 6)
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return fraction.isEmpty ? "\(micros / 1_000_000)" : "\(micros / 1_000_000).\(fraction)"
    }

    private func plainText(_ entry: DemoEntry, time: Double) -> String {
        "\(DemoTimestamp(time).plain) - netra-backend - \(entry.logger) - \(entry.severity) - \(entry.message)"
    }

    private func labelsAndContext(_ entry: DemoEntry) -> String {
        let line = 20 + Int((entry.noise >> 48) % 1900)
        return "\"labels\": {\"module\": \(quoted(entry.logger)), \"function\": \"f\", \"line\": \"\(line)\"}, "
            + "\"context\": {\"name\": \(quoted(entry.logger)), \"service\": \"netra-service\"}"
    }

    /// A JSON string literal; only the characters JSON requires are escaped.
    private func quoted(_ text: String) -> String {
        var result = "\""
        result.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                result += "\\u" + DemoHex.digits(UInt64(scalar.value), width: 4)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
