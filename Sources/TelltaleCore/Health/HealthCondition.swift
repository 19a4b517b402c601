/// One check a health answer must pass, read from text such as `status < 400`
/// or `body.status != "unhealthy"`.
///
/// Conditions are data a person writes on the command line or in a config file,
/// in the spirit of Gatus, so the grammar is small and forgiving:
/// `<lhs> <op> <rhs>` where
/// - lhs is `status` (`[STATUS]`), `latency` (`[RESPONSE_TIME]`), `body` (the
///   whole body text, `[BODY]`), `body.<dotted.path>` (`[BODY].path`, with array
///   indexes as `items[0]`), or `len(body)` / `len(body.<path>)` (characters of
///   a string, items of an array, members of an object);
/// - op is one of `==`, `!=`, `<`, `<=`, `>`, `>=`;
/// - rhs is a number, a duration for latency (`2s`, `500ms`; a bare number
///   means SECONDS, unlike Gatus' milliseconds, so `latency < 2` reads as the
///   rest of telltale's durations do), a quoted string (`"x"` or `'x'`, where
///   a backslash takes the next character as is), `true`, `false`, `null`, or
///   bare text taken as a string up to the end (`body.status == healthy`).
///
/// Numbers compare numerically, JSON numbers and numeric strings alike; other
/// strings compare by equality or lexicographically. A body path that is
/// missing fails `==` and the ordering operators and passes `!=`. A request
/// that got no HTTP status fails every condition.
public struct HealthCondition: Sendable, Equatable, CustomStringConvertible {
    /// The condition as written (surrounding spaces removed); reasons quote it.
    public let text: String
    let subject: Subject
    let comparison: Comparison
    let operand: Operand

    /// Reads a condition.
    ///
    /// - Parameter text: the condition, e.g. `latency < 2s`.
    /// - Throws: `HealthConditionError` with the column where the text stops
    ///   making sense.
    public init(parsing text: String) throws(HealthConditionError) {
        var parser = HealthConditionParser(text: text)
        let parsed = try parser.parse()
        self.text = text.trimmingWhitespace()
        self.subject = parsed.subject
        self.comparison = parsed.comparison
        self.operand = parsed.operand
    }

    public var description: String { text }

    /// Checks one health result.
    ///
    /// - Parameters:
    ///   - result: the poller's result.
    ///   - json: the body parsed as JSON, or nil when it is not JSON; body paths
    ///     are missing without it.
    public func evaluate(_ result: HealthResult, json: JSONValue?) -> HealthConditionOutcome {
        guard let status = result.status else {
            return HealthConditionOutcome(passed: false, actual: result.error?.reason ?? "no response")
        }
        let observed: JSONValue?
        let actual: String
        switch subject {
        case .status:
            observed = .number(Double(status))
            actual = String(status)
        case .latency:
            observed = .number(result.latency)
            actual = DurationText.format(seconds: result.latency)
        case .bodyText:
            observed = .string(result.body)
            actual = JSONValue.quote(HealthReasonText.cut(result.body))
        case .bodyPath(let steps):
            observed = json.flatMap { Self.walk($0, steps) }
            actual = observed.map { HealthReasonText.cut($0.jsonText) } ?? "missing"
        case .length(let steps):
            observed = Self.length(of: steps, body: result.body, json: json)
            actual = observed?.displayText ?? "missing"
        }
        return HealthConditionOutcome(passed: Self.holds(observed, comparison, operand), actual: actual)
    }

    // MARK: - Grammar

    /// What the left side of a condition reads from a result.
    enum Subject: Sendable, Equatable {
        case status
        /// Seconds.
        case latency
        case bodyText
        case bodyPath([PathStep])
        /// The length of the whole body text (nil) or of the value at a path.
        case length([PathStep]?)
    }

    /// One step of a body path: an object member or an array index.
    enum PathStep: Sendable, Equatable {
        case key(String)
        case index(Int)
    }

    enum Comparison: String, Sendable, Equatable, CaseIterable {
        case equal = "=="
        case notEqual = "!="
        case lessOrEqual = "<="
        case greaterOrEqual = ">="
        case less = "<"
        case greater = ">"
    }

    /// The right side; latencies are held as seconds.
    enum Operand: Sendable, Equatable {
        case number(Double)
        case string(String)
        case bool(Bool)
        case null

        var numeric: Double? {
            switch self {
            case .number(let n): n
            case .string(let s): HealthCondition.number(in: s)
            case .bool, .null: nil
            }
        }
    }

    // MARK: - Evaluation

    static func walk(_ value: JSONValue, _ steps: [PathStep]) -> JSONValue? {
        var current = value
        for step in steps {
            switch step {
            case .key(let key):
                guard let next = current[key] else { return nil }
                current = next
            case .index(let index):
                guard case .array(let items) = current, items.indices.contains(index) else { return nil }
                current = items[index]
            }
        }
        return current
    }

    static func length(of steps: [PathStep]?, body: String, json: JSONValue?) -> JSONValue? {
        guard let steps else { return .number(Double(body.count)) }
        switch json.flatMap({ walk($0, steps) }) {
        case .string(let s): return .number(Double(s.count))
        case .array(let items): return .number(Double(items.count))
        case .object(let members): return .number(Double(members.count))
        default: return nil
        }
    }

    /// A number written in a string (`"42"`, `"0.6"`); nil for anything else,
    /// including `nan` and `inf`, which no health body means as numbers.
    static func number(in text: String) -> Double? {
        guard let n = Double(text.trimmingWhitespace()), n.isFinite else { return nil }
        return n
    }

    static func numeric(_ value: JSONValue) -> Double? {
        switch value {
        case .number(let n): n
        case .string(let s): number(in: s)
        default: nil
        }
    }

    static func holds(_ observed: JSONValue?, _ comparison: Comparison, _ operand: Operand) -> Bool {
        guard let observed else { return comparison == .notEqual }
        switch comparison {
        case .equal: return equals(observed, operand)
        case .notEqual: return !equals(observed, operand)
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            if let l = numeric(observed), let r = operand.numeric {
                return ordered(l, r, comparison)
            }
            if case .string(let l) = observed, case .string(let r) = operand {
                return ordered(l, r, comparison)
            }
            return false
        }
    }

    static func equals(_ observed: JSONValue, _ operand: Operand) -> Bool {
        switch operand {
        case .null:
            return observed == .null
        case .bool(let b):
            if case .bool(let v) = observed { return v == b }
            return observed.stringValue == (b ? "true" : "false")
        case .number, .string:
            if let l = numeric(observed), let r = operand.numeric { return l == r }
            if case .string(let l) = observed, case .string(let r) = operand { return l == r }
            return false
        }
    }

    static func ordered<T: Comparable>(_ l: T, _ r: T, _ comparison: Comparison) -> Bool {
        switch comparison {
        case .less: l < r
        case .lessOrEqual: l <= r
        case .greater: l > r
        case .greaterOrEqual: l >= r
        case .equal: l == r
        case .notEqual: l != r
        }
    }
}
