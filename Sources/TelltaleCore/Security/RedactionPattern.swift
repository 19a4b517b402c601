/// One user-supplied redaction rule: a regular expression whose matches are secrets.
///
/// Backends have their own secret shapes (a session cookie, an internal key
/// format) that the built-in patterns cannot know, so the config's `redact:`
/// list adds them. Each match is replaced by `Redactor.marker`; when the pattern
/// has a group named `secret`, only that group is, so `session=(?<secret>\w+)`
/// keeps the key visible. Patterns are checked like rule regexes
/// (`RegexBacktrackingCheck`) because they run on every entry.
public struct RedactionPattern: @unchecked Sendable, Equatable {
    // `Regex<AnyRegexOutput>` is not declared Sendable; it is never mutated
    // after init, and init runs one match so the engine's lazily built program
    // exists before the value is shared (as `CapturePattern` does).
    public let source: String
    private let regex: Regex<AnyRegexOutput>
    private let hasSecretGroup: Bool

    /// Compiles `source`.
    ///
    /// - Throws: `ConfigError` at `file`/`line` when the pattern does not compile,
    ///   can match the empty string, or risks catastrophic backtracking.
    public init(_ source: String, file: String, line: Int? = nil) throws(ConfigError) {
        self.source = source
        if let problem = RegexBacktrackingCheck.problem(in: source) {
            throw ConfigError(file: file, line: line, reason: "redact pattern '\(source)' refused: \(problem)")
        }
        do {
            regex = try Regex(source)
        } catch {
            throw ConfigError(file: file, line: line, reason: "invalid redact pattern '\(source)': \(error)")
        }
        if "".wholeMatch(of: regex) != nil {
            throw ConfigError(file: file, line: line, reason: "redact pattern '\(source)' matches the empty string; it would mark every line")
        }
        hasSecretGroup = source.contains("(?<secret>")
    }

    /// `text` with every match (or its `secret` group) replaced by the marker.
    public func redact(_ text: String) -> String {
        var ranges: [Range<String.Index>] = []
        for match in text.matches(of: regex) {
            if hasSecretGroup {
                if let range = match.output["secret"]?.range, !range.isEmpty { ranges.append(range) }
            } else if !match.range.isEmpty {
                ranges.append(match.range)
            }
        }
        guard !ranges.isEmpty else { return text }
        var out = ""
        var copied = text.startIndex
        for range in ranges where range.lowerBound >= copied {
            out += text[copied..<range.lowerBound]
            out += Redactor.marker
            copied = range.upperBound
        }
        out += text[copied...]
        return out
    }

    public static func == (lhs: RedactionPattern, rhs: RedactionPattern) -> Bool {
        lhs.source == rhs.source
    }
}
