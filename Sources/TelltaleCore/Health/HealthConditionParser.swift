/// Reads the text of a `HealthCondition`, keeping track of the column.
///
/// Hand-written rather than regex-based so every refusal can name the exact
/// column and what was expected there.
struct HealthConditionParser {
    typealias Subject = HealthCondition.Subject
    typealias PathStep = HealthCondition.PathStep
    typealias Comparison = HealthCondition.Comparison
    typealias Operand = HealthCondition.Operand

    static let subjectsExpected = "expected status, latency, body, body.<path> or len(body)"
    static let operatorsExpected = "expected an operator (==, !=, <, <=, >, >=)"

    let text: String
    private let chars: [Character]
    private var position = 0

    init(text: String) {
        self.text = text
        self.chars = Array(text)
    }

    mutating func parse() throws(HealthConditionError) -> (subject: Subject, comparison: Comparison, operand: Operand) {
        skipSpaces()
        guard position < chars.count else { throw failure(at: position, Self.subjectsExpected) }
        let subject = try readSubject()
        skipSpaces()
        let comparison = try readComparison()
        skipSpaces()
        let operandStart = position
        let operand = try normalized(readOperand(), for: subject, comparison, at: operandStart)
        return (subject, comparison, operand)
    }

    // MARK: - Left side

    private mutating func readSubject() throws(HealthConditionError) -> Subject {
        let start = position
        if lookingAt("len(", caseInsensitive: true) {
            position += 4
            skipSpaces()
            let innerStart = position
            let inner = readWord(stoppingAt: ")")
            skipSpaces()
            guard position < chars.count, chars[position] == ")" else {
                throw failure(at: position, "expected `)` to close `len(`")
            }
            position += 1
            switch try subject(inner, at: innerStart) {
            case .bodyText: return .length(nil)
            case .bodyPath(let steps): return .length(steps)
            default: throw failure(at: innerStart, "len() takes body or body.<path>, not `\(inner)`")
            }
        }
        let word = readWord(stoppingAt: nil)
        guard !word.isEmpty else { throw failure(at: start, Self.subjectsExpected) }
        return try subject(word, at: start)
    }

    private func subject(_ word: String, at start: Int) throws(HealthConditionError) -> Subject {
        switch word.lowercased() {
        case "status", "[status]": return .status
        case "latency", "[response_time]": return .latency
        default: break
        }
        for prefix in ["body", "[body]"] where word.lowercased().hasPrefix(prefix) {
            let rest = Array(word.dropFirst(prefix.count))
            if rest.isEmpty { return .bodyText }
            guard rest[0] == "." || rest[0] == "[" else { continue }
            return .bodyPath(try path(rest, at: start + prefix.count))
        }
        throw failure(at: start, "unknown subject `\(word)`: " + Self.subjectsExpected)
    }

    /// Reads `.key`, `[index]` steps; `start` is the column of the first one.
    private func path(_ chars: [Character], at start: Int) throws(HealthConditionError) -> [PathStep] {
        var steps: [PathStep] = []
        var i = 0
        while i < chars.count {
            if chars[i] == "." {
                var j = i + 1
                while j < chars.count, chars[j] != ".", chars[j] != "[" { j += 1 }
                guard j > i + 1 else { throw failure(at: start + i + 1, "empty key in the body path") }
                steps.append(.key(String(chars[(i + 1)..<j])))
                i = j
            } else if chars[i] == "[" {
                var j = i + 1
                while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
                guard j > i + 1, j < chars.count, chars[j] == "]", let index = Int(String(chars[(i + 1)..<j])) else {
                    throw failure(at: start + i, "expected an array index like [0]")
                }
                steps.append(.index(index))
                i = j + 1
            } else {
                throw failure(at: start + i, "expected `.` or `[` in the body path")
            }
        }
        return steps
    }

    // MARK: - Operator

    private mutating func readComparison() throws(HealthConditionError) -> Comparison {
        for comparison in Comparison.allCases where lookingAt(comparison.rawValue, caseInsensitive: false) {
            position += comparison.rawValue.count
            return comparison
        }
        if lookingAt("=", caseInsensitive: false) {
            throw failure(at: position, "`=` is not an operator, use `==`")
        }
        throw failure(at: position, Self.operatorsExpected)
    }

    // MARK: - Right side

    private mutating func readOperand() throws(HealthConditionError) -> Operand {
        guard position < chars.count else { throw failure(at: position, "expected a value after the operator") }
        let quote = chars[position]
        if quote == "\"" || quote == "'" {
            let open = position
            var value = ""
            position += 1
            while true {
                guard position < chars.count else { throw failure(at: open, "unterminated string: no closing \(quote)") }
                let ch = chars[position]
                position += 1
                if ch == quote { break }
                if ch == "\\", position < chars.count {
                    value.append(chars[position])
                    position += 1
                } else {
                    value.append(ch)
                }
            }
            skipSpaces()
            guard position == chars.count else { throw failure(at: position, "unexpected text after the closing quote") }
            return .string(value)
        }
        let word = String(chars[position...]).trimmingWhitespace()
        position = chars.count
        switch word {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null": return .null
        default: break
        }
        if let n = HealthCondition.number(in: word) { return .number(n) }
        return .string(word)
    }

    /// Turns durations into seconds and refuses comparisons that can never mean
    /// anything, at parse time, so a typo does not become an endpoint that is
    /// silently always down.
    private func normalized(
        _ operand: Operand, for subject: Subject, _ comparison: Comparison, at column: Int
    ) throws(HealthConditionError) -> Operand {
        switch subject {
        case .status, .length:
            guard case .number = operand else {
                throw failure(at: column, "\(subject == .status ? "status" : "len()") compares with a number")
            }
            return operand
        case .latency:
            if case .number = operand { return operand }
            guard case .string(let word) = operand, let seconds = DurationText.parse(word) else {
                throw failure(at: column, "latency compares with a duration like 2s or 500ms")
            }
            return .number(seconds)
        case .bodyText, .bodyPath:
            switch (comparison, operand) {
            case (.equal, _), (.notEqual, _), (_, .number), (_, .string): return operand
            case (_, .bool), (_, .null):
                throw failure(at: column, "`\(comparison.rawValue)` needs a number or a string")
            }
        }
    }

    // MARK: - Scanning

    private mutating func skipSpaces() {
        while position < chars.count, chars[position] == " " || chars[position] == "\t" { position += 1 }
    }

    /// Reads up to a space, an operator character or `stop`.
    private mutating func readWord(stoppingAt stop: Character?) -> String {
        let start = position
        while position < chars.count {
            let ch = chars[position]
            if ch == " " || ch == "\t" || ch == "=" || ch == "!" || ch == "<" || ch == ">" || ch == stop { break }
            position += 1
        }
        return String(chars[start..<position])
    }

    private func lookingAt(_ literal: String, caseInsensitive: Bool) -> Bool {
        let wanted = Array(caseInsensitive ? literal.lowercased() : literal)
        guard position + wanted.count <= chars.count else { return false }
        let found = String(chars[position..<(position + wanted.count)])
        return Array(caseInsensitive ? found.lowercased() : found) == wanted
    }

    private func failure(at index: Int, _ reason: String) -> HealthConditionError {
        HealthConditionError(text: text, column: index + 1, reason: reason)
    }
}
