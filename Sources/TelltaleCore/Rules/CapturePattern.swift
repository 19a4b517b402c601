#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// A rule's regular expression, compiled once, and the captures it yields.
///
/// Built on Swift `Regex` at run time because it reports each group's name with
/// its value, which is what turns a match into named captures. Regex engines
/// refuse duplicate group names, so a group named `NAME_<digits>` feeds the
/// capture `NAME`: `(?<user>..)..(?<user_2>..)` gives two values of `user`.
struct CapturePattern: Sendable {
    var source: String { engine.source }
    /// The regex engine's form of the pattern, compiled at load unless the
    /// byte matcher takes the pattern (`CompiledRegex`).
    private let engine: CompiledRegex
    /// The literal text every match starts with, when the pattern begins with
    /// one: matches are then only tried where it occurs (see `captures(in:)`).
    private let literalPrefix: [UInt8]?
    /// The same pattern as a byte matcher, when it is of the simple kind
    /// (see `BytePattern`): used on printable ASCII text instead of the regex.
    private let bytePattern: BytePattern?
    /// The capture each of the byte matcher's groups feeds (`captureName`),
    /// worked out once: a search in the group's name cost more than the
    /// match that needs it.
    private let byteCaptureNames: [String?]
    /// How many distinct captures the byte matcher's groups feed.
    private let byteCaptureCount: Int
    /// How many bytes of `literalPrefix` the byte matcher's first steps take
    /// one by one: a match tried where the prefix was found skips them.
    private let checkedPrefix: Int

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
        if let problem = RegexBacktrackingCheck.problem(in: source) {
            throw ConfigError(file: file, line: line, reason: "regex '\(source)' refused: \(problem)")
        }
        literalPrefix = CapturePattern.literalPrefix(of: source)
        bytePattern = BytePattern(source)
        byteCaptureNames = bytePattern?.groupNames.map { $0.map(CapturePattern.captureName(forGroup:)) } ?? []
        byteCaptureCount = Set(byteCaptureNames.compactMap { $0 }).count
        if let bytePattern, let literalPrefix {
            checkedPrefix = zip(bytePattern.leadingLiteral, literalPrefix).prefix { $0 == $1 }.count
        } else {
            checkedPrefix = 0
        }
        do {
            engine = bytePattern == nil ? try CompiledRegex(compiling: source) : CompiledRegex(deferring: source)
        } catch {
            throw ConfigError(file: file, line: line, reason: "invalid regex '\(source)': \(error)")
        }
    }

    /// Bytes that every text the pattern matches holds in a row, when the
    /// pattern is of the simple kind and has them (`BytePattern.requiredLiteral`).
    var requiredLiteral: [UInt8]? { bytePattern?.requiredLiteral }

    /// The named captures over every match in `text`, in order of appearance
    /// and without repeats; nil when the pattern does not match at all.
    ///
    /// The regex engine tries a match at every position of the text, which for
    /// a 400-byte message costs far more than the rest of the entry's
    /// processing. When the pattern starts with a literal and the text is ASCII
    /// (one byte, one character), a match can only start where that literal
    /// occurs: those places are found with `memchr`, and the regex runs
    /// anchored there, each search resuming after the previous match, exactly
    /// as `matches(of:)` proceeds.
    func captures(in message: String) -> [String: [String]]? {
        captured(in: message).map(SignalMatch.dictionary)
    }

    /// `captures(in:)` as a list, each capture in the order its first group
    /// comes in the pattern: what a rule's match holds.
    func captured(in message: String) -> [SignalMatch.Capture]? {
        // Only the first `inputLimit` bytes are searched (a copy only for the rare long message).
        let text = message.utf8.count > Self.inputLimit ? String(Self.searchedPart(of: message)) : message
        var copy = text
        if let bytePattern {
            let byteCaptures: [SignalMatch.Capture]?? = copy.withUTF8 { bytes in
                guard DisplaySafeText.isPlainASCII(bytes) else { return .none }
                return .some(collect(bytePattern, in: bytes))
            }
            if let byteCaptures { return byteCaptures }
        }
        guard let engines = engine.engines else { return nil }
        let regex = engines.regex
        guard let prefix = literalPrefix else { return collect(text.matches(of: regex)) }
        let starts: [Int]? = copy.withUTF8 { bytes in
            // A CR before an LF would make two bytes one character.
            guard DisplaySafeText.isASCII(bytes), let base = bytes.baseAddress,
                  memchr(base, 0x0D, bytes.count) == nil else { return nil }
            return CapturePattern.occurrences(of: prefix, in: bytes)
        }
        guard let starts else { return collect(text.matches(of: regex)) }
        var matches: [Regex<AnyRegexOutput>.Match] = []
        var resumeAt = 0
        for start in starts where start >= resumeAt {
            let index = text.utf8.index(text.utf8.startIndex, offsetBy: start)
            guard let match = text[index...].prefixMatch(of: engines.scalarRegex) else { continue }
            matches.append(match)
            resumeAt = text.utf8.distance(from: text.utf8.startIndex, to: match.range.upperBound)
        }
        return collect(matches)
    }

    /// `captures(in:)` by the byte matcher, on printable ASCII: the same
    /// search as `matches(of:)` (leftmost match, the next one from its end,
    /// one byte on after an empty match), tried only where the literal prefix
    /// occurs when there is one.
    ///
    /// Built for the duplication warning, a twentieth of a flood's lines and
    /// once a fifth of its cost: the starts are visited, not listed; the
    /// walk begins after the prefix just found; each value goes into a short
    /// list of captures (a table hashed each name twice).
    private func collect(_ pattern: BytePattern, in bytes: UnsafeBufferPointer<UInt8>) -> [SignalMatch.Capture]? {
        var captures: [SignalMatch.Capture]?
        var resumeAt = 0
        func attempt(at start: Int, checked: Int) {
            guard start >= resumeAt else { return }
            let end = pattern.match(bytes, at: start, checked: checked) { group, range in
                guard let name = byteCaptureNames[group] else { return }
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
                if captures == nil {
                    captures = []
                    captures!.reserveCapacity(byteCaptureCount)
                }
                Self.add(text, named: name, to: &captures!)
            }
            guard let end else { return }
            if captures == nil { captures = [] }
            resumeAt = end > start ? end : start + 1
        }
        if let literalPrefix {
            CapturePattern.visitOccurrences(of: literalPrefix, in: bytes) { attempt(at: $0, checked: checkedPrefix) }
        } else {
            for start in 0...bytes.count { attempt(at: start, checked: 0) }
        }
        return captures
    }

    /// Adds `text` to capture `name`'s values unless they hold it already;
    /// a capture not met before goes last.
    private static func add(_ text: String, named name: String, to captures: inout [SignalMatch.Capture]) {
        if let index = captures.firstIndex(where: { $0.name == name }) {
            if !captures[index].values.contains(text) { captures[index].values.append(text) }
        } else {
            captures.append(SignalMatch.Capture(name: name, values: [text]))
        }
    }

    private func collect(_ matches: some Sequence<Regex<AnyRegexOutput>.Match>) -> [SignalMatch.Capture]? {
        var found = false
        var captures: [SignalMatch.Capture] = []
        for match in matches {
            found = true
            for element in match.output {
                guard let groupName = element.name, let value = element.substring else { continue }
                Self.add(String(value), named: CapturePattern.captureName(forGroup: groupName), to: &captures)
            }
        }
        return found ? captures : nil
    }

    /// The literal text a pattern starts with: the ASCII letters, digits,
    /// spaces and harmless punctuation before the first metacharacter, less
    /// the last one when a quantifier follows it. Nil when there is none, or
    /// when the pattern looks behind (a match could then depend on the text
    /// before its start).
    static func literalPrefix(of pattern: String) -> [UInt8]? {
        guard !pattern.contains("(?<=") && !pattern.contains("(?<!"), !hasTopLevelAlternation(pattern) else { return nil }
        let literal = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 :;,'\"=_-/%@!<>~`&".utf8)
        var prefix: [UInt8] = []
        var bytes = pattern.utf8.makeIterator()
        while let byte = bytes.next() {
            guard literal.contains(byte) else {
                if [UInt8(ascii: "?"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "{")].contains(byte), !prefix.isEmpty {
                    prefix.removeLast()
                }
                break
            }
            prefix.append(byte)
        }
        return prefix.isEmpty ? nil : prefix
    }

    /// Whether a `|` outside every group and class splits the whole pattern
    /// (`abc|xyz` can start with `xyz`: its first literal says nothing).
    static func hasTopLevelAlternation(_ pattern: String) -> Bool {
        var depth = 0
        var inClass = false
        var escaped = false
        for byte in pattern.utf8 {
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if inClass {
                if byte == UInt8(ascii: "]") { inClass = false }
            } else if byte == UInt8(ascii: "[") {
                inClass = true
            } else if byte == UInt8(ascii: "(") {
                depth += 1
            } else if byte == UInt8(ascii: ")") {
                depth = max(0, depth - 1)
            } else if byte == UInt8(ascii: "|"), depth == 0 {
                return true
            }
        }
        return false
    }

    /// Every offset where `needle` starts in `haystack`, overlapping ones included.
    static func occurrences(of needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>) -> [Int] {
        var found: [Int] = []
        visitOccurrences(of: needle, in: haystack) { found.append($0) }
        return found
    }

    /// Calls `visit` with every offset where `needle` starts in `haystack`,
    /// in order, overlapping ones included.
    static func visitOccurrences(of needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, _ visit: (Int) -> Void) {
        guard let hay = haystack.baseAddress, haystack.count >= needle.count else { return }
        let lastStart = haystack.count - needle.count
        var from = 0
        needle.withUnsafeBufferPointer { n in
            while from <= lastStart, let hit = memchr(hay + from, Int32(n[0]), lastStart + 1 - from) {
                let start = hay.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(hay + start, n.baseAddress!, n.count) == 0 { visit(start) }
                from = start + 1
            }
        }
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
