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

    /// Compiles `source`.
    ///
    /// - Throws: `ConfigError` at `file`/`line` carrying the engine's reason.
    init(_ source: String, file: String, line: Int?) throws(ConfigError) {
        self.source = source
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
        for match in text.matches(of: regex) {
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

    /// `user_2` → `user`; any other group name stands for itself.
    static func captureName(forGroup group: String) -> String {
        guard let underscore = group.lastIndex(of: "_") else { return group }
        let suffix = group[group.index(after: underscore)...]
        guard underscore != group.startIndex, !suffix.isEmpty,
              suffix.allSatisfy({ $0.isASCII && $0.isNumber }) else { return group }
        return String(group[..<underscore])
    }
}
