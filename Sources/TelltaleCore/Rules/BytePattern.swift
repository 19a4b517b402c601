/// A rule regex of the simple kind compiled to a byte matcher, for printable
/// ASCII text.
///
/// Swift's `Regex` costs a few microseconds a match, more than the rest of an
/// entry's processing, and the shipped rules are all of one kind: literals,
/// character classes with `*`, `+` or `?`, and named groups. Those run here as
/// a greedy backtracking walk over the bytes, which finds the same match and
/// the same groups as the regex engine does (leftmost start, the first
/// alternative that matches there, greedy quantifiers, backtracking), because
/// on printable ASCII one byte is one character and the classes mean the same
/// thing. A leading `(?i)` folds ASCII letters, as it does there. Anything else
/// (alternation inside a group, counted or lazy quantifiers, quantified groups,
/// anchors, lookaround, non-ASCII) makes `init` return nil and the caller keeps
/// the regex.
struct BytePattern: Sendable {
    /// One step of the walk.
    enum Step: Sendable, Equatable {
        /// One byte of `set`, or a run of them: at least `min` (0 or 1), at most
        /// one unless `unbounded`.
        case bytes(RegexCharacterSet, min: Int, unbounded: Bool)
        /// A group opens or closes here (its index in `groupNames`).
        case open(Int)
        case close(Int)
    }

    /// The top-level alternatives, each a flat sequence of steps.
    let alternatives: [[Step]]
    /// The name of every group, nil for an unnamed capturing group.
    let groupNames: [String?]
    /// The bytes a match can start with, when every alternative starts with a
    /// required byte: other positions are skipped without a walk.
    let firstBytes: RegexCharacterSet?
    /// The longest run of bytes that every match holds in a row, when the
    /// pattern has one (see `requiredRun`): a message without it cannot match.
    let requiredLiteral: [UInt8]?
    /// The bytes the pattern's first steps each take exactly one of, up to
    /// its first group mark or class (one alternative only; empty otherwise):
    /// a caller that found them at a start tells `match` to begin after them.
    let leadingLiteral: [UInt8]

    /// Compiles `source`, or nil when it uses anything beyond the simple kind
    /// or can match empty text.
    init?(_ source: String) {
        var parser = Parser(bytes: Array(source.utf8))
        // A pattern that can match empty text would need the regex engine's
        // rule for where the next search starts after an empty match.
        guard let alternatives = parser.parse(), alternatives.allSatisfy({ steps in
            steps.contains { if case .bytes(_, 1, _) = $0 { true } else { false } }
        }) else {
            return nil
        }
        self.alternatives = alternatives
        groupNames = parser.groupNames
        var first = RegexCharacterSet.empty
        var known = true
        for steps in alternatives {
            let lead = steps.first { if case .bytes = $0 { true } else { false } }
            guard case .bytes(let set, 1, _)? = lead else {
                known = false
                break
            }
            first = first.union(set)
        }
        firstBytes = known ? first : nil
        requiredLiteral = alternatives.count == 1 ? Self.requiredRun(alternatives[0]) : nil
        var leading: [UInt8] = []
        if alternatives.count == 1 {
            for step in alternatives[0] {
                guard case .bytes(let set, 1, false) = step, let byte = set.single else { break }
                leading.append(byte)
            }
        }
        leadingLiteral = leading
    }

    /// The longest run of steps that each take exactly one given byte (group
    /// marks between them take none), as bytes; nil when there is none.
    ///
    /// When the text is not printable ASCII, the regex engine matches instead,
    /// by characters, and Unicode makes three characters canonically
    /// equivalent to `K`, `;` and `` ` `` (the Kelvin sign, the Greek question
    /// mark, the Greek varia). Swift's engine does not match them for those
    /// bytes today; a run ends at those bytes rather than rely on it. Under
    /// `(?i)` a letter is a set of two bytes and ends a run too.
    private static func requiredRun(_ steps: [Step]) -> [UInt8]? {
        var longest: [UInt8] = []
        var run: [UInt8] = []
        for step in steps {
            switch step {
            case .open, .close:
                continue
            case .bytes(let set, 1, false):
                if let byte = set.single, !"K;`".utf8.contains(byte) {
                    run.append(byte)
                    if run.count > longest.count { longest = run }
                    continue
                }
            case .bytes:
                break
            }
            run = []
        }
        return longest.isEmpty ? nil : longest
    }

    /// The match starting exactly at `start`: its end and each group's range
    /// (nil for a group the match did not pass, which a flat pattern never has).
    ///
    /// - Parameter text: printable ASCII (0x20...0x7E) only; the caller checks.
    func match(_ text: UnsafeBufferPointer<UInt8>, at start: Int) -> (end: Int, groups: [Range<Int>?])? {
        var groups = [Range<Int>?](repeating: nil, count: groupNames.count)
        guard let end = match(text, at: start, visit: { groups[$0] = $1 }) else { return nil }
        return (end, groups)
    }

    /// `match(_:at:)` without building the groups' list: the end of the
    /// match starting at `start`, after `visit` was called with each group
    /// the match passed and its range, in group order (a warning's captures
    /// are read from them, and a list of them was an allocation each).
    ///
    /// - Parameter checked: how many bytes of `leadingLiteral` the caller
    ///   found at `start`: the walk begins after them.
    func match(_ text: UnsafeBufferPointer<UInt8>, at start: Int, checked: Int = 0,
               visit: (Int, Range<Int>) -> Void) -> Int? {
        precondition(checked <= leadingLiteral.count)
        if checked == 0, let firstBytes, start >= text.count || !firstBytes.contains(text[start]) { return nil }
        let count = groupNames.count
        // The groups' marks on the stack: arrays in the walk were copied on
        // write at every mark the backtracking set (once per warning).
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: max(1, 2 * count)) { marks in
            for steps in alternatives {
                marks.initialize(repeating: -1)
                let walk = Walk(steps: steps, text: text, starts: UnsafeMutableBufferPointer(rebasing: marks[0..<count]),
                                ends: UnsafeMutableBufferPointer(rebasing: marks[count..<(2 * count)]))
                guard let end = walk.run(checked, start + checked) else { continue }
                // A group of another alternative was not passed: no value, as in the regex engine.
                for group in 0..<count where walk.starts[group] >= 0 { visit(group, walk.starts[group]..<walk.ends[group]) }
                return end
            }
            return nil
        }
    }

    /// The backtracking state of one match attempt: the groups' marks live
    /// in the caller's buffers.
    private struct Walk {
        let steps: [Step]
        let text: UnsafeBufferPointer<UInt8>
        let starts: UnsafeMutableBufferPointer<Int>
        let ends: UnsafeMutableBufferPointer<Int>

        func run(_ first: Int, _ from: Int) -> Int? {
            var k = first
            var position = from
            // Steps that leave no choice (group marks, exactly one byte) are
            // taken in a loop: a pattern's literal text is mostly such steps,
            // and a call each cost more than the comparison.
            while k < steps.count {
                switch steps[k] {
                case .open(let group):
                    starts[group] = position
                case .close(let group):
                    ends[group] = position
                case .bytes(let set, 1, false):
                    guard position < text.count, set.contains(text[position]) else { return nil }
                    position += 1
                case .bytes(let set, let minimum, let unbounded):
                    let most = unbounded ? text.count - position : min(1, text.count - position)
                    var taken = 0
                    while taken < most, set.contains(text[position + taken]) { taken += 1 }
                    // Greedy: the longest run first, then give back one byte at a time.
                    while taken >= minimum {
                        if let end = run(k + 1, position + taken) { return end }
                        taken -= 1
                    }
                    return nil
                }
                k += 1
            }
            return position
        }
    }

    /// Reads the simple kind of pattern; nil at the first construct it does not know.
    private struct Parser {
        let bytes: [UInt8]
        var i = 0
        var groupNames: [String?] = []
        /// A leading `(?i)`: letters match either case.
        var foldsCase = false

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func parse() -> [[Step]]? {
            if bytes.starts(with: Array("(?i)".utf8)) {
                foldsCase = true
                i = 4
            }
            var alternatives: [[Step]] = []
            var steps: [Step] = []
            var openGroups: [Int?] = []  // nil: a non-capturing group
            while i < bytes.count {
                let b = bytes[i]
                guard b >= 0x20, b < 0x7F else { return nil }
                switch b {
                case UInt8(ascii: "("):
                    guard let group = openGroup() else { return nil }
                    openGroups.append(group)
                    if let group { steps.append(.open(group)) }
                case UInt8(ascii: ")"):
                    guard let group = openGroups.popLast() else { return nil }
                    i += 1
                    // A quantified group repeats a sequence: not a byte run.
                    if i < bytes.count, [UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "{")].contains(bytes[i]) {
                        return nil
                    }
                    if let group { steps.append(.close(group)) }
                case UInt8(ascii: "|"):
                    guard openGroups.isEmpty else { return nil }
                    alternatives.append(steps)
                    steps = []
                    i += 1
                case UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "*"),
                     UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "]"):
                    return nil
                default:
                    guard let set = atom(), let step = quantified(set) else { return nil }
                    steps.append(step)
                }
            }
            alternatives.append(steps)
            return openGroups.isEmpty ? alternatives : nil
        }

        /// After `(`: a named or plain capturing group (its index), a
        /// non-capturing one (nil inside), or nil outside for anything else.
        mutating func openGroup() -> Int?? {
            i += 1
            guard i < bytes.count else { return nil }
            guard bytes[i] == UInt8(ascii: "?") else {
                groupNames.append(nil)
                return .some(groupNames.count - 1)
            }
            i += 1
            guard i < bytes.count else { return nil }
            if bytes[i] == UInt8(ascii: ":") {
                i += 1
                return .some(nil)
            }
            guard bytes[i] == UInt8(ascii: "<") else { return nil }
            i += 1
            var name: [UInt8] = []
            while i < bytes.count, bytes[i] != UInt8(ascii: ">") {
                let c = bytes[i]
                guard (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "z")) || c == UInt8(ascii: "_")
                        || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) else { return nil }
                name.append(c)
                i += 1
            }
            // The regex engine refuses a name that starts with a digit or
            // repeats one: so does this parser, whose patterns are not
            // compiled by it at load (`CapturePattern`).
            guard i < bytes.count, let lead = name.first, lead &- UInt8(ascii: "0") >= 10 else { return nil }
            i += 1
            let text = String(decoding: name, as: UTF8.self)
            guard !groupNames.contains(text) else { return nil }
            groupNames.append(text)
            return .some(groupNames.count - 1)
        }

        /// One atom: a literal byte, an escape, `.` or a class.
        mutating func atom() -> RegexCharacterSet? {
            let b = bytes[i]
            i += 1
            switch b {
            case UInt8(ascii: "."):
                return RegexCharacterSet.dot
            case UInt8(ascii: "\\"):
                return escape()
            case UInt8(ascii: "["):
                return characterClass()
            default:
                return foldsCase ? RegexCharacterSet.byte(b).caseFolded : RegexCharacterSet.byte(b)
            }
        }

        /// After `\`: a class shorthand or an escaped punctuation byte.
        mutating func escape() -> RegexCharacterSet? {
            guard i < bytes.count else { return nil }
            let b = bytes[i]
            i += 1
            switch b {
            case UInt8(ascii: "s"): return RegexCharacterSet.space
            case UInt8(ascii: "S"): return RegexCharacterSet.space.inverted
            case UInt8(ascii: "d"): return RegexCharacterSet.digit
            case UInt8(ascii: "D"): return RegexCharacterSet.digit.inverted
            case UInt8(ascii: "w"): return RegexCharacterSet.word
            case UInt8(ascii: "W"): return RegexCharacterSet.word.inverted
            default:
                // Escaped punctuation stands for itself; an escaped letter or
                // digit is something else (\b, \A, \1, \p...): not ours.
                let isPunctuation = b >= 0x21 && b < 0x7F && !RegexCharacterSet.word.contains(b)
                return isPunctuation ? RegexCharacterSet.byte(b) : nil
            }
        }

        /// After `[`: the class up to its `]`.
        mutating func characterClass() -> RegexCharacterSet? {
            var negated = false
            if i < bytes.count, bytes[i] == UInt8(ascii: "^") {
                negated = true
                i += 1
            }
            // `[]` and `[^]` read differently across engines, and Swift's
            // reads `[:alpha:]` as a POSIX class: not ours.
            guard i < bytes.count, bytes[i] != UInt8(ascii: "]"), bytes[i] != UInt8(ascii: ":") else { return nil }
            var set = RegexCharacterSet.empty
            while i < bytes.count, bytes[i] != UInt8(ascii: "]") {
                let b = bytes[i]
                guard b >= 0x20, b < 0x7F, b != UInt8(ascii: "[") else { return nil }
                // Set operations (`&&`, `--`, `~~`) of Swift's classes: not ours.
                if i + 1 < bytes.count, bytes[i + 1] == b, b == UInt8(ascii: "&") || b == UInt8(ascii: "-") || b == UInt8(ascii: "~") {
                    return nil
                }
                i += 1
                let low: UInt8
                if b == UInt8(ascii: "\\") {
                    guard let escaped = escape() else { return nil }
                    guard let single = escaped.single else {
                        // `[\d-z]`: a range from a class, which the regex
                        // engine refuses (a dash before `]` is a plain dash).
                        if i + 1 < bytes.count, bytes[i] == UInt8(ascii: "-"), bytes[i + 1] != UInt8(ascii: "]") { return nil }
                        set = set.union(escaped)
                        continue
                    }
                    low = single
                } else {
                    low = b
                }
                // A range `a-z` (a `-` before `]` is a literal dash).
                if i + 1 < bytes.count, bytes[i] == UInt8(ascii: "-"), bytes[i + 1] != UInt8(ascii: "]") {
                    i += 1
                    var high = bytes[i]
                    i += 1
                    // `[!--]`: Swift's engine reads `--` as a set operation and refuses it.
                    if high == UInt8(ascii: "-") { return nil }
                    if high == UInt8(ascii: "\\") {
                        guard let escaped = escape(), let single = escaped.single else { return nil }
                        high = single
                    }
                    guard high >= 0x20, high < 0x7F, low <= high else { return nil }
                    for c in low...high { set.insert(c) }
                    continue
                }
                set.insert(low)
            }
            guard i < bytes.count else { return nil }
            i += 1
            // Folded before negation: `(?i)[^a]` refuses both `a` and `A`.
            if foldsCase { set = set.caseFolded }
            return negated ? set.inverted : set
        }

        /// The atom with its quantifier, if any.
        mutating func quantified(_ set: RegexCharacterSet) -> Step? {
            guard i < bytes.count else { return .bytes(set, min: 1, unbounded: false) }
            let q = bytes[i]
            let step: Step
            switch q {
            case UInt8(ascii: "*"): step = .bytes(set, min: 0, unbounded: true)
            case UInt8(ascii: "+"): step = .bytes(set, min: 1, unbounded: true)
            case UInt8(ascii: "?"): step = .bytes(set, min: 0, unbounded: false)
            case UInt8(ascii: "{"): return nil
            default: return .bytes(set, min: 1, unbounded: false)
            }
            i += 1
            // Lazy (`*?`) and possessive (`*+`) quantifiers behave otherwise.
            if i < bytes.count, bytes[i] == UInt8(ascii: "?") || bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "*") {
                return nil
            }
            return step
        }
    }
}
