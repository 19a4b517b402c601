/// A parsed JSON value: health bodies, config values, fully decoded log entries.
///
/// Objects keep their keys in order of appearance; a duplicate key keeps the last
/// value (as Python's `json` does), so lookups agree with what the backend meant.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// The member `key` of an object (the last one when repeated), else nil.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last(where: { $0.key == key })?.value
    }

    /// Follows a dotted path (`details.phase`, `capabilities.database_connectivity`).
    public func value(atPath path: String) -> JSONValue? {
        var current: JSONValue? = self
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            current = current?[String(part)]
        }
        return current
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var numberValue: Double? {
        if case .number(let n) = self { return n }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// A short text form for reports and conditions: strings bare, the rest as JSON.
    public var displayText: String {
        if case .string(let s) = self { return s }
        return jsonText
    }

    /// The value written as compact JSON.
    public var jsonText: String {
        var writer = JSONTextWriter()
        writer.writeCompact(self)
        return writer.text
    }

    /// Quotes a string as a JSON string literal.
    public static func quote(_ s: String) -> String {
        var writer = JSONTextWriter(capacity: s.utf8.count + 2)
        writer.writeString(s)
        return writer.text
    }
}

extension JSONValue {
    /// The value written as indented JSON (two spaces), for reports meant to be
    /// read by people as well as by `jq`.
    public var prettyText: String {
        var writer = JSONTextWriter()
        writer.writePretty(self)
        return writer.text
    }
}
