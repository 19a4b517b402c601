import Yams

extension Rule {
    /// The keys a rule may have in YAML.
    static let yamlKeys = [
        "name", "signal", "min_severity", "loggers", "contains", "in", "not_contains",
        "case_insensitive", "regex", "disabled",
    ]

    /// Reads one rule from its YAML mapping; every error names the line of the
    /// offending key's value (or of the rule itself for rule-wide problems).
    init(yaml node: Node, reader: YAMLReader) throws(ConfigError) {
        let fields = try reader.fields(node, of: "a rule", allowed: Rule.yamlKeys)
        guard let nameNode = fields["name"] else {
            throw reader.error(node, "rule has no name (every rule needs a unique 'name')")
        }
        let name = try reader.string(nameNode, of: "name")
        let what = "rule '\(name)'"
        guard let signalNode = fields["signal"] else {
            throw reader.error(node, "\(what) has no signal; one of: \(Signal.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let signalText = try reader.string(signalNode, of: "signal of \(what)")
        guard let signal = Signal(rawValue: signalText) else {
            throw reader.error(
                signalNode,
                "unknown signal '\(signalText)' in \(what); one of: \(Signal.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var minSeverity = Severity.default
        if let severityNode = fields["min_severity"] {
            let text = try reader.string(severityNode, of: "min_severity of \(what)")
            guard let severity = Severity(parsing: text) else {
                throw reader.error(
                    severityNode,
                    "unknown severity '\(text)' in \(what); one of: \(Severity.allCases.map(\.name).joined(separator: ", "))")
            }
            minSeverity = severity
        }
        var scope = TextScope.message
        if let scopeNode = fields["in"] {
            let text = try reader.string(scopeNode, of: "in of \(what)")
            guard let parsed = TextScope(rawValue: text) else {
                throw reader.error(
                    scopeNode,
                    "unknown value '\(text)' for 'in' in \(what); one of: \(TextScope.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            scope = parsed
        }
        var pattern: CapturePattern?
        if let regexNode = fields["regex"] {
            let source = try reader.string(regexNode, of: "regex of \(what)")
            pattern = try CapturePattern(source, file: reader.file, line: reader.line(regexNode))
        }
        func list(_ key: String) throws(ConfigError) -> [String] {
            guard let value = fields[key] else { return [] }
            let strings = try reader.strings(value, of: "\(key) of \(what)")
            if strings.contains("") {
                throw reader.error(value, "\(key) of \(what) contains an empty string, which would match every entry")
            }
            return strings
        }
        func flag(_ key: String) throws(ConfigError) -> Bool {
            guard let value = fields[key] else { return false }
            return try reader.bool(value, of: "\(key) of \(what)")
        }
        try self.init(
            name: name, signal: signal, minSeverity: minSeverity, loggers: list("loggers"),
            contains: list("contains"), in: scope, notContains: list("not_contains"),
            caseInsensitive: flag("case_insensitive"), pattern: pattern, disabled: flag("disabled"),
            file: reader.file, line: reader.line(node))
    }

    /// Reads a `rules:` list, refusing a name used twice.
    static func list(yaml node: Node, reader: YAMLReader) throws(ConfigError) -> [Rule] {
        var rules: [Rule] = []
        var seen: [String: Int?] = [:]
        for item in try reader.items(node, of: "rules") {
            let rule = try Rule(yaml: item, reader: reader)
            if let first = seen[rule.name] {
                let earlier = first.map { " (first defined at line \($0))" } ?? ""
                throw reader.error(item, "duplicate rule name '\(rule.name)'\(earlier)")
            }
            seen[rule.name] = reader.line(item)
            rules.append(rule)
        }
        return rules
    }
}
