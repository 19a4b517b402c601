/// Writes the reasons people read when an endpoint is not healthy.
///
/// The backend explains itself in its body (`message`, `detail`, lists of
/// degraded services) and the platform in a plain-text page; a reason that
/// quotes them saves a trip to the logs.
enum HealthReasonText {
    /// Longest quoted message; bodies can carry whole stack traces.
    static let limit = 200

    /// Keys a JSON error body uses for its explanation, in order of preference
    /// (FastAPI's `detail`, the backend's own `message`).
    static let messageKeys = ["message", "detail", "error", "reason"]

    /// Cuts text to `limit` characters, marking the cut with `…`.
    static func cut(_ text: String, limit: Int = limit) -> String {
        text.count > limit ? String(text.prefix(limit)) + "…" : text
    }

    /// `503: Core database unavailable`: the status and the body's own words.
    static func httpFailure(status: Int, body: String, json: JSONValue?) -> String {
        "\(status): " + (message(body: body, json: json) ?? "empty body")
    }

    /// The body's explanation: the first string among `messageKeys`, else the
    /// first non-blank line of the text, cut to `limit`.
    static func message(body: String, json: JSONValue?) -> String? {
        if let json {
            for key in messageKeys {
                if let text = json[key]?.stringValue?.trimmingWhitespace(), !text.isEmpty { return cut(text) }
            }
        }
        let line = body.split(whereSeparator: \.isNewline).lazy
            .map { $0.trimmingWhitespace() }
            .first { !$0.isEmpty }
        return line.map { cut($0) }
    }

    /// `condition failed: body.status == "healthy" (was "degraded")`.
    static func conditionFailed(_ condition: HealthCondition, actual: String) -> String {
        "condition failed: \(condition.text) (was \(actual))"
    }

    /// What a degraded body says is degraded: each `degraded_services[]` entry
    /// as `service: message` (or its status), then the `warnings`.
    static func degradationDetails(json: JSONValue?) -> [String] {
        guard let json else { return [] }
        var details: [String] = []
        if case .array(let services)? = json["degraded_services"] {
            for service in services {
                if let text = service.stringValue {
                    details.append(cut(text))
                    continue
                }
                let what = service["message"]?.stringValue ?? service["status"]?.stringValue
                let name = service["service"]?.stringValue ?? service["name"]?.stringValue
                switch (name, what) {
                case let (name?, what?): details.append(cut("\(name): \(what)"))
                case let (nil, what?): details.append(cut(what))
                case let (name?, nil): details.append(cut(name))
                case (nil, nil): break
                }
            }
        }
        switch json["warnings"] {
        case .array(let warnings)?: details += warnings.compactMap(\.stringValue).map { cut($0) }
        case .string(let warning)?: details.append(cut(warning))
        default: break
        }
        return details
    }
}
