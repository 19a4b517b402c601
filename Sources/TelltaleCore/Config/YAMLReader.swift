import Yams

/// Typed, located reading of a composed YAML document.
///
/// Rule packs and config files are read from Yams `Node`s rather than decoded
/// with `Codable` because every node keeps its line: each wrong type, unknown key
/// or bad value becomes a `ConfigError` that names the file and the line.
struct YAMLReader {
    /// The file name used in every error.
    let file: String

    /// Composes the first document; nil for an empty (or comment-only) file.
    func document(_ yaml: String) throws(ConfigError) -> Node? {
        do {
            // The basic resolver tags every plain scalar a string and leaves
            // booleans and numbers to the reading below (`flag`, `integer`):
            // the default one compiles seven ICU regular expressions on first
            // use, 2 ms of every start-up, to tag values this reader parses anyway.
            return try Yams.compose(yaml: yaml, .basic)
        } catch let error as YamlError {
            throw located(error)
        } catch {
            throw ConfigError(file: file, reason: "cannot read YAML: \(error)")
        }
    }

    /// The 1-based line where `node` starts.
    func line(_ node: Node) -> Int? { node.mark?.line }

    func error(_ node: Node, _ reason: String) -> ConfigError {
        ConfigError(file: file, line: line(node), reason: reason)
    }

    // MARK: - Containers

    /// The entries of a mapping, keyed by name, after checking every key is one
    /// of `allowed`: a typo must be an error, not a silently ignored setting.
    func fields(_ node: Node, of what: String, allowed: [String]) throws(ConfigError) -> Fields {
        guard case .mapping(let mapping) = node else {
            throw error(node, "\(what) must be a mapping with keys \(allowed.joined(separator: ", ")); found \(kind(node))")
        }
        var values: [String: Node] = [:]
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                throw error(key, "\(what) has a key that is not a plain name")
            }
            guard allowed.contains(scalar.string) else {
                throw error(key, "unknown key '\(scalar.string)' in \(what); allowed keys: \(allowed.joined(separator: ", "))")
            }
            values[scalar.string] = value
        }
        return Fields(values: values)
    }

    /// The items of a sequence; a null value counts as an empty list.
    func items(_ node: Node, of what: String) throws(ConfigError) -> [Node] {
        if isNull(node) { return [] }
        guard case .sequence(let sequence) = node else {
            throw error(node, "\(what) must be a list; found \(kind(node))")
        }
        return Array(sequence)
    }

    // MARK: - Scalars

    func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node else { return false }
        return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    func string(_ node: Node, of what: String) throws(ConfigError) -> String {
        guard case .scalar(let scalar) = node, !isNull(node) else {
            throw error(node, "\(what) must be a string; found \(kind(node))")
        }
        return scalar.string
    }

    /// A list of strings; a single string is accepted as a one-item list.
    func strings(_ node: Node, of what: String) throws(ConfigError) -> [String] {
        if case .scalar = node, !isNull(node) { return [try string(node, of: what)] }
        var result: [String] = []
        for item in try items(node, of: what) {
            result.append(try string(item, of: "each item of \(what)"))
        }
        return result
    }

    /// A plain scalar YAML 1.1 reads as a boolean (`true`, `yes`, `on`, … in
    /// the three spellings the YAML resolver accepts), else nil; quoted
    /// `"true"` is a string, as it is in YAML.
    func flag(_ node: Node) -> Bool? {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return nil }
        switch scalar.string {
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON": return true
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF": return false
        default: return nil
        }
    }

    func bool(_ node: Node, of what: String) throws(ConfigError) -> Bool {
        guard let value = flag(node) else {
            throw error(node, "\(what) must be true or false; found \(kind(node))")
        }
        return value
    }

    func integer(_ node: Node, of what: String, atLeast minimum: Int) throws(ConfigError) -> Int {
        guard case .scalar(let scalar) = node, scalar.style == .plain, let value = node.int else {
            throw error(node, "\(what) must be a whole number; found \(kind(node))")
        }
        guard value >= minimum else {
            throw error(node, "\(what) must be at least \(minimum); found \(value)")
        }
        return value
    }

    /// A positive duration in seconds, written like `2s`, `1m`, `500ms` or a bare number.
    func duration(_ node: Node, of what: String) throws(ConfigError) -> Double {
        let text = try string(node, of: what)
        guard let seconds = DurationText.parse(text) else {
            throw error(node, "\(what) is not a duration: '\(text)' (write e.g. 500ms, 2s, 1m, 15m, 1h)")
        }
        guard seconds > 0 else {
            throw error(node, "\(what) must be longer than zero; found '\(text)'")
        }
        return seconds
    }

    // MARK: - Messages

    func kind(_ node: Node) -> String {
        switch node {
        case .scalar: return isNull(node) ? "nothing (null)" : "'\(node.string ?? "")'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    private func located(_ error: YamlError) -> ConfigError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let detail = context.map { " (\($0.text) at line \($0.mark.line))" } ?? ""
            return ConfigError(file: file, line: mark.line, reason: "invalid YAML: \(problem)\(detail)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return ConfigError(
                file: file, line: context.mark.line,
                reason: "duplicate key \(duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")) in a mapping")
        case let .reader(problem, _, _, _):
            return ConfigError(file: file, reason: "cannot read YAML: \(problem)")
        default:
            return ConfigError(file: file, reason: "cannot read YAML: \(error)")
        }
    }

    /// A checked mapping's values by key.
    struct Fields {
        let values: [String: Node]
        subscript(key: String) -> Node? { values[key] }
    }
}
