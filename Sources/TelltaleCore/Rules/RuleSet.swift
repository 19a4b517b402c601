import Foundation
import Yams

/// An ordered list of rules, ready to classify entries fast.
///
/// Most entries are INFO lines that no rule cares about, so the set keeps the
/// lowest severity any rule accepts and rejects entries below it before looking
/// at a single rule.
public struct RuleSet: Sendable {
    public var rules: [Rule] {
        didSet { severityFloor = RuleSet.floor(of: rules) }
    }

    /// The lowest `minSeverity` of all rules; nil when there are no rules.
    private var severityFloor: Severity?

    public init(rules: [Rule] = []) {
        self.rules = rules
        self.severityFloor = RuleSet.floor(of: rules)
    }

    /// Reads a rule pack: a YAML mapping whose only key is `rules`.
    ///
    /// - Parameters:
    ///   - yaml: the text of the pack.
    ///   - file: the name used in error messages.
    /// - Throws: `ConfigError` naming the file and line of the first problem.
    public static func load(yaml: String, file: String) throws(ConfigError) -> RuleSet {
        let reader = YAMLReader(file: file)
        guard let root = try reader.document(yaml), !reader.isNull(root) else { return RuleSet() }
        let fields = try reader.fields(root, of: "a rule pack", allowed: ["rules"])
        guard let rulesNode = fields["rules"] else { return RuleSet() }
        return RuleSet(rules: try Rule.list(yaml: rulesNode, reader: reader))
    }

    /// The rule pack bundled with telltale (`Rules/default-rules.yaml`).
    ///
    /// - Throws: `ConfigError` if the resource is missing or does not load; both
    ///   are packaging bugs that tests catch.
    public static func defaultPack() throws(ConfigError) -> RuleSet {
        let file = "default-rules.yaml"
        guard let url = Bundle.module.url(forResource: "default-rules", withExtension: "yaml"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw ConfigError(file: file, reason: "the bundled rule pack is missing from the TelltaleCore resources")
        }
        return try load(yaml: text, file: file)
    }

    /// This set with a config file's rules applied on top.
    ///
    /// An override with the name of an existing rule replaces it in place (so
    /// rule order stays stable), a new name is appended, and rules named in
    /// `disabling` or marked `disabled: true` are removed.
    public func merging(_ overrides: [Rule], disabling: [String]) -> RuleSet {
        var merged = rules
        for rule in overrides {
            if let index = merged.firstIndex(where: { $0.name == rule.name }) {
                merged[index] = rule
            } else {
                merged.append(rule)
            }
        }
        let disabled = Set(disabling)
        merged.removeAll { $0.disabled || disabled.contains($0.name) }
        return RuleSet(rules: merged)
    }

    /// Every rule's match on `record`, in rule order.
    public func classify(_ record: LogRecord) -> [SignalMatch] {
        guard let severityFloor, record.severity >= severityFloor else { return [] }
        var matches: [SignalMatch] = []
        for rule in rules {
            if let match = rule.match(record) { matches.append(match) }
        }
        return matches
    }

    private static func floor(of rules: [Rule]) -> Severity? {
        rules.map(\.minSeverity).min()
    }
}
