/// One classification rule: when a log entry means a `Signal`, and what to
/// capture from it.
///
/// Rules are data (YAML). Matching runs on every entry, so the cheap checks come
/// first (severity, logger prefix, byte substring search) and the regex, the
/// expensive part, only runs on the rare entries that passed them.
public struct Rule: Sendable, Equatable {
    // Every field lives in one immutable object: a rule is copied wherever
    // it is read out of an array to be asked something (`RuleSet.classify`
    // copied each candidate for a warning), and a copy of fourteen fields
    // cost fifteen retains and releases, a copy of this one reference two.
    private let storage: Storage

    public var name: String { storage.name }
    public var signal: Signal { storage.signal }
    /// Entries below this severity never match.
    public var minSeverity: Severity { storage.minSeverity }
    /// When not empty, one of the record's `loggers` must start with one of these.
    public var loggers: [String] { storage.loggers }
    /// When not empty, at least one of these must occur (where `searchScope` says).
    public var contains: [String] { storage.contains }
    /// Where `contains` looks (the YAML key `in`).
    public var searchScope: TextScope { storage.searchScope }
    /// None of these may occur in the message.
    public var notContains: [String] { storage.notContains }
    /// Whether `contains` and `notContains` fold ASCII case.
    public var caseInsensitive: Bool { storage.caseInsensitive }
    /// A regular expression that must match the message at least once; its named
    /// groups become the match's captures.
    public var regex: String? { storage.pattern?.source }
    /// A disabled rule is dropped when rule sets are merged.
    public var disabled: Bool { storage.disabled }

    var containsNeedles: [TextNeedle] { storage.containsNeedles }

    /// Builds and validates a rule.
    ///
    /// - Throws: `ConfigError` (file `rule '<name>'`) when the regex does not
    ///   compile, a needle is empty, or the rule has nothing to select entries
    ///   with (no `contains`, no `regex`, no `loggers`): such a rule would match
    ///   every entry and drown its signal.
    public init(
        name: String, signal: Signal, minSeverity: Severity = .default,
        loggers: [String] = [], contains: [String] = [], in searchScope: TextScope = .message,
        notContains: [String] = [], caseInsensitive: Bool = false, regex: String? = nil,
        disabled: Bool = false
    ) throws(ConfigError) {
        let file = "rule '\(name)'"
        let pattern: CapturePattern?
        if let regex {
            pattern = try CapturePattern(regex, file: file, line: nil)
        } else {
            pattern = nil
        }
        try self.init(
            name: name, signal: signal, minSeverity: minSeverity, loggers: loggers,
            contains: contains, in: searchScope, notContains: notContains,
            caseInsensitive: caseInsensitive, pattern: pattern, disabled: disabled,
            file: file, line: nil)
    }

    /// Builds a rule whose regex was already compiled (the YAML loader compiles
    /// it itself so that a bad regex names the line of the `regex` key).
    init(
        name: String, signal: Signal, minSeverity: Severity, loggers: [String],
        contains: [String], in searchScope: TextScope, notContains: [String],
        caseInsensitive: Bool, pattern: CapturePattern?, disabled: Bool,
        file: String, line: Int?
    ) throws(ConfigError) {
        guard !name.isEmpty else {
            throw ConfigError(file: file, line: line, reason: "rule name must not be empty")
        }
        guard !contains.isEmpty || pattern != nil || !loggers.isEmpty else {
            throw ConfigError(
                file: file, line: line,
                reason: "rule '\(name)' needs at least one of contains, regex or loggers; without them it would match every entry")
        }
        if contains.contains("") || notContains.contains("") || loggers.contains("") {
            throw ConfigError(
                file: file, line: line,
                reason: "rule '\(name)' has an empty string in contains, not_contains or loggers; it would match everything")
        }
        storage = Storage(name: name, signal: signal, minSeverity: minSeverity, loggers: loggers, contains: contains,
                          searchScope: searchScope, notContains: notContains, caseInsensitive: caseInsensitive,
                          pattern: pattern, disabled: disabled)
    }

    /// The rule's match on `record`, or nil when any condition fails.
    public func match(_ record: LogRecord) -> SignalMatch? {
        match(record, messageNeedles: ~0)
    }

    /// `match`, told which `contains` needles may occur in the message at
    /// all: bit `k` for `containsNeedles[k]` (needles from the 65th on are
    /// always searched). A needle whose bit is clear is not searched for in
    /// the message.
    func match(_ record: LogRecord, messageNeedles: UInt64) -> SignalMatch? {
        storage.match(record, messageNeedles: messageNeedles)
    }

    /// Whether the rule is sure not to match an entry whose message is
    /// `message` (its bytes as the record would hold them), whatever the
    /// entry's loggers; nil when that cannot be told from the message alone:
    /// the rule looks at loggers and has no regex with a literal, or has
    /// neither `contains` nor such a regex to rule the entry out.
    func cannotMatch(message: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard let needles = messageNeedles else { return nil }
        return !needles.contains { $0.occurs(inBytes: message) }
    }

    /// The needles one of which must occur in the message for the rule to
    /// match, whatever the loggers; nil when the message alone cannot tell.
    ///
    /// Either the `contains` needles (when they look only at the message) or
    /// the run of bytes the regex requires (`CapturePattern.requiredLiteral`:
    /// the regex always reads the message), whichever has the longer shortest
    /// needle: the prefilters sample a message more sparsely the longer its
    /// shortest needle is. The default pack's `user_id: ` (9 bytes) gives way
    /// to its regex's `, connection: ` (14), and an INFO message then costs a
    /// hashed load every 9 bytes instead of every 4.
    var messageNeedles: [TextNeedle]? { storage.messageNeedles }

    fileprivate static func messageNeedles(contains: [TextNeedle], onlyInMessage: Bool,
                                       pattern: CapturePattern?) -> [TextNeedle]? {
        let fromContains = onlyInMessage && !contains.isEmpty ? contains : nil
        let fromRegex = pattern?.requiredLiteral.map { [TextNeedle(String(decoding: $0, as: UTF8.self), foldsCase: false)] }
        guard let fromContains, let fromRegex else { return fromContains ?? fromRegex }
        func shortest(_ needles: [TextNeedle]) -> Int { needles.map(\.bytes.count).min() ?? 0 }
        return shortest(fromRegex) > shortest(fromContains) ? fromRegex : fromContains
    }

    /// Compares what the rule says, not its compiled form (which follows from it).
    public static func == (lhs: Rule, rhs: Rule) -> Bool {
        lhs.name == rhs.name && lhs.signal == rhs.signal && lhs.minSeverity == rhs.minSeverity
            && lhs.loggers == rhs.loggers && lhs.contains == rhs.contains
            && lhs.searchScope == rhs.searchScope && lhs.notContains == rhs.notContains
            && lhs.caseInsensitive == rhs.caseInsensitive && lhs.regex == rhs.regex
            && lhs.disabled == rhs.disabled
    }
}

extension Rule {
    /// A rule's fields, and the matching that reads them in place.
    private final class Storage: Sendable {
        let name: String
        let signal: Signal
        let minSeverity: Severity
        let loggers: [String]
        let contains: [String]
        let searchScope: TextScope
        let notContains: [String]
        let caseInsensitive: Bool
        let disabled: Bool
        let containsNeedles: [TextNeedle]
        let excludedNeedles: [TextNeedle]
        let pattern: CapturePattern?
        let messageNeedles: [TextNeedle]?

        init(name: String, signal: Signal, minSeverity: Severity, loggers: [String], contains: [String],
             searchScope: TextScope, notContains: [String], caseInsensitive: Bool, pattern: CapturePattern?,
             disabled: Bool) {
            self.name = name
            self.signal = signal
            self.minSeverity = minSeverity
            self.loggers = loggers
            self.contains = contains
            self.searchScope = searchScope
            self.notContains = notContains
            self.caseInsensitive = caseInsensitive
            self.disabled = disabled
            self.pattern = pattern
            containsNeedles = contains.map { TextNeedle($0, foldsCase: caseInsensitive) }
            excludedNeedles = notContains.map { TextNeedle($0, foldsCase: caseInsensitive) }
            messageNeedles = Rule.messageNeedles(contains: containsNeedles,
                                                 onlyInMessage: loggers.isEmpty && searchScope == .message, pattern: pattern)
        }

        func match(_ record: LogRecord, messageNeedles: UInt64) -> SignalMatch? {
            guard record.severity >= minSeverity else { return nil }
            if !loggers.isEmpty, !record.loggers.contains(where: startsWithListedLogger) { return nil }
            if !containsNeedles.isEmpty, !containsOccurs(in: record, messageNeedles: messageNeedles) { return nil }
            if !excludedNeedles.isEmpty {
                var message = record.message
                let excluded = message.withUTF8 { bytes in
                    excludedNeedles.contains { $0.occurs(inBytes: bytes) }
                }
                if excluded { return nil }
            }
            // Read in place: `guard let pattern` copied the pattern's five
            // references out (retained, then released) for every match.
            guard pattern != nil else { return SignalMatch(rule: name, signal: signal) }
            guard let captured = pattern?.captured(in: record.message) else { return nil }
            return SignalMatch(rule: name, signal: signal, captured: captured)
        }

        // MARK: - Cheap checks

        private func startsWithListedLogger(_ recordLogger: String) -> Bool {
            loggers.contains { recordLogger.utf8.starts(with: $0.utf8) }
        }

        private func anyNeedleOccurs(in text: String) -> Bool {
            var text = text
            return text.withUTF8 { bytes in containsNeedles.contains { $0.occurs(inBytes: bytes) } }
        }

        /// Whether one of the needles `among` lets through occurs in `text`.
        private func anyNeedleOccurs(in text: String, among: UInt64) -> Bool {
            guard among != 0 else { return false }
            var text = text
            return text.withUTF8 { bytes in
                for (k, needle) in containsNeedles.enumerated() where k >= 64 || among & 1 << UInt64(k) != 0 {
                    if needle.occurs(inBytes: bytes) { return true }
                }
                return false
            }
        }

        /// A loop, not `loggers.contains(where: anyNeedleOccurs)`: the method
        /// passed as a closure copied the whole rule (a dozen references, when
        /// they were the rule's own fields) for every WebSocket warning.
        private func anyNeedleOccurs(inAnyOf loggers: [String]) -> Bool {
            for logger in loggers where anyNeedleOccurs(in: logger) { return true }
            return false
        }

        private func containsOccurs(in record: LogRecord, messageNeedles: UInt64) -> Bool {
            switch searchScope {
            case .message:
                return anyNeedleOccurs(in: record.message, among: messageNeedles)
            case .logger:
                return anyNeedleOccurs(inAnyOf: record.loggers)
            case .either:
                return anyNeedleOccurs(in: record.message, among: messageNeedles) || anyNeedleOccurs(inAnyOf: record.loggers)
            }
        }
    }
}
