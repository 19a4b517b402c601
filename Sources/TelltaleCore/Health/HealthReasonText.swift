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
        if let text = htmlText(body) { return cut(text) }
        let line = body.split(whereSeparator: \.isNewline).lazy
            .map { $0.trimmingWhitespace() }
            .first { !$0.isEmpty }
        return line.map { cut($0) }
    }

    /// `condition failed: body.status == "healthy" (was "degraded")`.
    /// What an HTML error page says (a proxy's 502 page, a load balancer's
    /// 503): its title, or else its text without tags; nil when the body is not HTML.
    static func htmlText(_ body: String) -> String? {
        let trimmed = body.trimmingWhitespace()
        guard trimmed.hasPrefix("<") else { return nil }
        let bytes = Array(trimmed.utf8)
        if let open = asciiCaseInsensitiveIndex(of: "<title>", in: bytes, from: 0),
           let close = asciiCaseInsensitiveIndex(of: "</title>", in: bytes, from: open + 7) {
            // Both ends sit at ASCII `<` and `>`: the bytes between are whole characters.
            let title = String(decoding: bytes[(open + 7)..<close], as: UTF8.self).trimmingWhitespace()
            if !title.isEmpty { return title }
        }
        var text = ""
        var inTag = false
        for character in trimmed {
            if character == "<" { inTag = true; text.append(" "); continue }
            if character == ">" { inTag = false; continue }
            if !inTag { text.append(character) }
        }
        let words = text.split(whereSeparator: { $0.isWhitespace })
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    /// Where `needle` (lowercase ASCII) starts in `bytes` at or after `from`, ignoring ASCII case.
    static func asciiCaseInsensitiveIndex(of needle: StaticString, in bytes: [UInt8], from: Int) -> Int? {
        let count = needle.utf8CodeUnitCount
        guard bytes.count >= count, from <= bytes.count - count else { return nil }
        let n = needle.utf8Start
        for start in from...(bytes.count - count) {
            var k = 0
            while k < count, (bytes[start + k] >= 0x41 && bytes[start + k] <= 0x5A ? bytes[start + k] | 0x20 : bytes[start + k]) == n[k] { k += 1 }
            if k == count { return start }
        }
        return nil
    }

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
