import Yams

/// An ordered list of rules, ready to classify entries fast.
///
/// Most entries are INFO lines that most rules ignore (they want WARNING and
/// up), so the set keeps, for each severity, the rules that can match it at
/// all: an INFO line only meets the few rules that accept INFO, and an entry
/// below every rule's minimum meets none.
public struct RuleSet: Sendable {
    public var rules: [Rule] {
        didSet {
            candidates = RuleSet.candidates(for: rules)
            prefilters = RuleSet.prefilters(rules, candidates)
            pairTable = NeedlePairTable(rules)
            markerFormsNoNeedle = RuleSet.markerFormsNoNeedle(rules)
            decidedByNeedles = RuleSet.decidedByNeedles(rules)
        }
    }

    /// Whether putting `Redactor.marker` into a message can make none of the
    /// rules' message needles occur that did not: then, for a message the
    /// rules reject (`rejectsAll`), they reject its redacted text too.
    public private(set) var markerFormsNoNeedle: Bool

    /// For each severity (in `Severity.allCases` order), the indices of the
    /// rules whose `minSeverity` it reaches, in rule order.
    private var candidates: [[Int]]
    /// For each severity, one pass that rules out every candidate rule from
    /// the message alone; nil where some candidate needs more than the message.
    private var prefilters: [NeedlePrefilter?]
    /// Which rules' needles an entry's message may hold, for `classify`;
    /// nil for a set too large for its masks (every needle is then searched).
    private var pairTable: NeedlePairTable?
    /// For each rule, whether it needs one of its `contains` needles in the
    /// message: a rule none of whose needles the pair table keeps then
    /// cannot match, and `classify` does not ask it.
    private var decidedByNeedles: [Bool]

    public init(rules: [Rule] = []) {
        self.rules = rules
        let candidates = RuleSet.candidates(for: rules)
        self.candidates = candidates
        prefilters = RuleSet.prefilters(rules, candidates)
        pairTable = NeedlePairTable(rules)
        markerFormsNoNeedle = RuleSet.markerFormsNoNeedle(rules)
        decidedByNeedles = RuleSet.decidedByNeedles(rules)
    }

    private static func decidedByNeedles(_ rules: [Rule]) -> [Bool] {
        rules.map { !$0.containsNeedles.isEmpty && $0.searchScope == .message }
    }

    private static func markerFormsNoNeedle(_ rules: [Rule]) -> Bool {
        let marker = Array(Redactor.marker.utf8)
        return !rules.contains { rule in rule.messageNeedles?.contains { $0.mayOccur(across: marker) } ?? false }
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
    /// - Throws: `ConfigError` if the pack does not load: a packaging bug
    ///   that tests catch.
    public static func defaultPack() throws(ConfigError) -> RuleSet {
        try bundledPack.get()
    }

    /// The bundled pack, read and compiled once per process.
    private static let bundledPack: Result<RuleSet, ConfigError> = {
        let file = "default-rules.yaml"
        // Embedded in the binary by the package (`.embedInCode`).
        let text = String(decoding: PackageResources.default_rules_yaml, as: UTF8.self)
        do throws(ConfigError) {
            return .success(try load(yaml: text, file: file))
        } catch {
            return .failure(error)
        }
    }()

    /// This set with a config file's rules applied on top.
    ///
    /// An override with the name of an existing rule replaces it in place (so
    /// rule order stays stable), a new name is appended, and rules named in
    /// `disabling` or marked `disabled: true` are removed.
    public func merging(_ overrides: [Rule], disabling: [String]) -> RuleSet {
        // Nothing to change (no config file, the common case): this set as it
        // is, its prefilters and pair table already built, not built again
        // on the way to the first line.
        if overrides.isEmpty, disabling.isEmpty, !rules.contains(where: \.disabled) { return self }
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
        let applicable = candidates[RuleSet.position(of: record.severity)]
        guard !applicable.isEmpty else { return [] }
        var message = record.message
        let kept = pairTable.map { table in message.withUTF8 { table.kept(table.sighting(in: $0)) } }
        var matches: [SignalMatch] = []
        for index in applicable {
            let needles = kept.map { pairTable!.needles(ofRule: index, kept: $0) } ?? ~0
            // A WARNING meets every rule; most look only for needles the
            // message cannot hold. Asking each anyway (a copy of the rule and
            // the message, a call) cost two thousand instructions a warning.
            if needles == 0, decidedByNeedles[index] { continue }
            guard let match = rules[index].match(record, messageNeedles: needles) else { continue }
            // Room for a second match at once: a duplication warning is a
            // WebSocket warning too, and growing the list was an allocation.
            if matches.isEmpty { matches.reserveCapacity(min(4, applicable.count)) }
            matches.append(match)
        }
        return matches
    }

    /// Whether no rule can match an entry of `severity` whose message is
    /// `message`, told from the message alone (`classify` would return no
    /// match); false also when that needs more of the entry than its message.
    public func rejectsAll(severity: Severity, message: UnsafeBufferPointer<UInt8>) -> Bool {
        let position = RuleSet.position(of: severity)
        guard let prefilter = prefilters[position] else { return false }
        guard prefilter.mayMatch(message) else { return true }
        for index in candidates[position] {
            guard rules[index].cannotMatch(message: message) == true else { return false }
        }
        return true
    }

    /// Severities in `allCases` order, built once: the synthesized `allCases`
    /// builds a new array on every call, which `classify` must not do per entry.
    private static let severityOrder = Severity.allCases

    private static func position(of severity: Severity) -> Int {
        // Cloud Logging's values are the multiples of 100 in `allCases` order.
        let guess = severity.rawValue / 100
        if guess >= 0, guess < severityOrder.count, severityOrder[guess] == severity { return guess }
        return severityOrder.firstIndex(of: severity) ?? 0
    }

    private static func prefilters(_ rules: [Rule], _ candidates: [[Int]]) -> [NeedlePrefilter?] {
        candidates.map { (indices: [Int]) -> NeedlePrefilter? in
            var needles: [TextNeedle] = []
            for index in indices {
                guard let ruleNeedles = rules[index].messageNeedles else { return nil }
                needles += ruleNeedles
            }
            return NeedlePrefilter(needles)
        }
    }

    private static func candidates(for rules: [Rule]) -> [[Int]] {
        Severity.allCases.map { severity in
            rules.indices.filter { rules[$0].minSeverity <= severity }
        }
    }
}
