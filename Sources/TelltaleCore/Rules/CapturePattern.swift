/// A rule's regular expression, compiled once, and the captures it yields.
///
/// Built on Swift `Regex` at run time because it reports each group's name with
/// its value, which is what turns a match into named captures. Regex engines
/// refuse duplicate group names, so a group named `NAME_<digits>` feeds the
/// capture `NAME`: `(?<user>..)..(?<user_2>..)` gives two values of `user`.
struct CapturePattern: @unchecked Sendable {
    // `Regex` is Sendable only when its output is; `AnyRegexOutput` is not
    // declared so. The regex is never mutated after init, and init runs one
    // match so the engine's lazily lowered program exists before the pattern
    // is shared; after that, matching only reads it.
    let source: String
    private let regex: Regex<AnyRegexOutput>

    /// How many bytes of a message the regex sees (the rest is ignored).
    ///
    /// The engine backtracks and cannot be interrupted; shapes that explode are
    /// refused at load (`RegexBacktrackingCheck`), and this cap bounds what is
    /// left: a quadratic pattern like `.*x` costs at most 16M steps on 4 KiB
    /// instead of 5*10^11 on a 1 MiB line. Substring prefilters (`contains`)
    /// still read the whole message.
    static let inputLimit = 4096

    /// Compiles `source`.
    ///
    /// - Throws: `ConfigError` at `file`/`line` carrying the engine's reason, or
    ///   the reason `RegexBacktrackingCheck` refuses the pattern.
    init(_ source: String, file: String, line: Int?) throws(ConfigError) {
        self.source = source
        if let problem = RegexBacktrackingCheck.problem(in: source) {
            throw ConfigError(file: file, line: line, reason: "regex '\(source)' refused: \(problem)")
        }
        do {
            regex = try Regex(source)
            _ = "".firstMatch(of: regex)
        } catch {
            throw ConfigError(file: file, line: line, reason: "invalid regex '\(source)': \(error)")
        }
    }

    /// The named captures over every match in `text`, in order of appearance
    /// and without repeats; nil when the pattern does not match at all.
    func captures(in text: String) -> [String: [String]]? {
        var found = false
        var captures: [String: [String]] = [:]
        for match in CapturePattern.searchedPart(of: text).matches(of: regex) {
            found = true
            for element in match.output {
                guard let groupName = element.name, let value = element.substring else { continue }
                let name = CapturePattern.captureName(forGroup: groupName)
                let text = String(value)
                if captures[name]?.contains(text) == true { continue }
                captures[name, default: []].append(text)
            }
        }
        return found ? captures : nil
    }

    /// The first `inputLimit` bytes of `text`, cut back to a character boundary.
    static func searchedPart(of text: String) -> Substring {
        guard text.utf8.count > inputLimit else { return text[...] }
        var end = text.utf8.index(text.startIndex, offsetBy: inputLimit)
        while end > text.startIndex, String.Index(end, within: text) == nil {
            end = text.utf8.index(before: end)
        }
        return text[..<end]
    }

    /// `user_2` → `user`; any other group name stands for itself.
    static func captureName(forGroup group: String) -> String {
        guard let underscore = group.lastIndex(of: "_") else { return group }
        let suffix = group[group.index(after: underscore)...]
        guard underscore != group.startIndex, !suffix.isEmpty,
              suffix.allSatisfy({ $0.isASCII && $0.isNumber }) else { return group }
        return String(group[..<underscore])
    }
}
