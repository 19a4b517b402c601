/// Refuses regular expressions whose shape makes a backtracking engine take
/// exponential time, before they are ever run.
///
/// Rule and redaction files are data a user may copy from anywhere, and Swift's
/// `Regex` backtracks: `(a+)+$` against a line of thirty `a`s and a `b` never
/// finishes, and it would freeze the whole pipeline (matching holds the ingest
/// lock). The engine cannot be interrupted, so the defence is to refuse the
/// patterns that explode, by their shape:
/// - a nested quantifier: a group repeated without bound (or more than
///   `largeRepeat` times) that itself holds an unbounded quantifier, as in
///   `(a+)+`, `(a*)*b`, `(.*a){12}`;
/// - a repeated alternation whose alternatives can match the same text, as in
///   `(a|a)*`, `(a|ab)+`, `(.|x)*` (an empty alternative, two alternatives that
///   begin with the same atom, or one that begins with a wildcard);
/// - the same atom repeated without bound twice in a row, as in `.*.*x` or
///   `\s*\s+$`: polynomial rather than exponential, but of a degree that a
///   4 KiB line already makes slow, and never needed.
/// Atomic groups `(?>…)` and possessive quantifiers (`++`, `*+`) give nothing
/// back, so they are the fix the message suggests. This is a heuristic: it can
/// refuse a harmless pattern such as `(?:\w+\.)+` (write `[\w.]+`) and it does
/// not see overlap between different classes (`(\w|\d)+`); the polynomial cases
/// it lets through are bounded by the regex input limit of rules.
public enum RegexBacktrackingCheck {
    /// A bounded repeat above this count is treated as unbounded.
    public static let largeRepeat = 3

    /// Why `source` is refused, or nil when its shape is safe.
    public static func problem(in source: String) -> String? {
        var scanner = Scanner(Array(source.utf8))
        return scanner.run()
    }

    private struct Group {
        var open: Int
        var atomic: Bool
        var hasUnbounded = false
        var alternativeStarts: [Int]
        var end = 0
    }

    private enum Atom {
        case none, simple, group(Group)
    }

    private struct Scanner {
        let p: [UInt8]
        var i = 0
        var stack: [Group]
        var last = Atom.none
        /// Where the atom a quantifier would repeat starts.
        var atomStart = 0
        /// The last atom repeated without bound, and where its quantifier ended.
        var previousUnbounded: (atom: ArraySlice<UInt8>, end: Int)?

        init(_ p: [UInt8]) {
            self.p = p
            stack = [Group(open: -1, atomic: false, alternativeStarts: [0])]
        }

        mutating func run() -> String? {
            while i < p.count {
                let b = p[i]
                if b != UInt8(ascii: ")"), !isQuantifierStart(b) { atomStart = i }
                switch b {
                case UInt8(ascii: "\\"):
                    skipEscape()
                    last = .simple
                case UInt8(ascii: "["):
                    skipClass()
                    last = .simple
                case UInt8(ascii: "("):
                    openGroup()
                case UInt8(ascii: ")"):
                    guard stack.count > 1 else { i += 1; last = .simple; continue }
                    var group = stack.removeLast()
                    group.end = i
                    atomStart = group.open
                    if group.hasUnbounded && !group.atomic { stack[stack.count - 1].hasUnbounded = true }
                    last = .group(group)
                    i += 1
                case UInt8(ascii: "|"):
                    stack[stack.count - 1].alternativeStarts.append(i + 1)
                    last = .none
                    i += 1
                case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "{"):
                    let quantifierStart = i
                    guard let (unbounded, maximum, length) = quantifier(at: i) else {
                        last = .simple
                        i += 1
                        continue
                    }
                    i += length
                    var possessive = false
                    if i < p.count, p[i] == UInt8(ascii: "+") { possessive = true; i += 1 }
                    else if i < p.count, p[i] == UInt8(ascii: "?") { i += 1 }
                    if let problem = apply(unbounded: unbounded, maximum: maximum, possessive: possessive) { return problem }
                    let repeatsAnAtom: Bool
                    if case .none = last { repeatsAnAtom = false } else { repeatsAnAtom = true }
                    if unbounded, !possessive, repeatsAnAtom {
                        let atom = p[atomStart..<quantifierStart]
                        if let previous = previousUnbounded, previous.end == atomStart, previous.atom == atom {
                            return "adjacent quantifiers over the same atom: \(String(decoding: atom, as: UTF8.self)) is repeated without bound twice in a row, which backtracks polynomially on a long line; one quantifier says the same"
                        }
                        previousUnbounded = (atom, i)
                    }
                    last = .none
                default:
                    last = .simple
                    i += 1
                }
            }
            return nil
        }

        private func isQuantifierStart(_ b: UInt8) -> Bool {
            b == UInt8(ascii: "*") || b == UInt8(ascii: "+") || b == UInt8(ascii: "?") || b == UInt8(ascii: "{")
        }

        /// Checks a quantifier against the atom it repeats.
        private mutating func apply(unbounded: Bool, maximum: Int, possessive: Bool) -> String? {
            guard !possessive else { return nil }
            let repeatsALot = unbounded || maximum > RegexBacktrackingCheck.largeRepeat
            if case .group(let group) = last, !group.atomic {
                let text = String(decoding: p[group.open...min(group.end, p.count - 1)], as: UTF8.self)
                if repeatsALot && group.hasUnbounded {
                    return "nested quantifier: the group \(text) is repeated and holds an unbounded quantifier, which backtracks exponentially on a long line; use an atomic group (?>...), a possessive quantifier (++, *+) or one flat quantifier"
                }
                if unbounded, group.alternativeStarts.count > 1, alternativesOverlap(group) {
                    return "repeated overlapping alternatives: the group \(text) is repeated and two of its alternatives can match the same text, which backtracks exponentially; make the alternatives distinct or the group atomic (?>...)"
                }
            }
            if unbounded {
                switch last {
                case .none: break
                case .simple, .group: stack[stack.count - 1].hasUnbounded = true
                }
            }
            return nil
        }

        /// Whether alternatives of `group` can start on the same text.
        private func alternativesOverlap(_ group: Group) -> Bool {
            var seen: [[UInt8]] = []
            let ends = group.alternativeStarts.dropFirst().map { $0 - 1 } + [group.end]
            for (start, end) in zip(group.alternativeStarts, ends) {
                guard start < end else { return true }
                let first = firstAtom(from: start, to: end)
                if first == Array(".".utf8) || first.starts(with: Array("[^".utf8))
                    || [Array("\\S".utf8), Array("\\W".utf8), Array("\\D".utf8)].contains(first) {
                    return true
                }
                if seen.contains(first) { return true }
                seen.append(first)
            }
            return false
        }

        private func firstAtom(from start: Int, to end: Int) -> [UInt8] {
            if p[start] == UInt8(ascii: "\\"), start + 1 < end { return Array(p[start...(start + 1)]) }
            if p[start] == UInt8(ascii: "[") {
                var copy = self
                copy.i = start
                copy.skipClass()
                return Array(p[start..<min(copy.i, end)])
            }
            return [p[start]]
        }

        /// `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}` at `k`: (unbounded, max, length).
        private func quantifier(at k: Int) -> (Bool, Int, Int)? {
            switch p[k] {
            case UInt8(ascii: "*"), UInt8(ascii: "+"): return (true, .max, 1)
            case UInt8(ascii: "?"): return (false, 1, 1)
            default: break
            }
            var j = k + 1
            var low = 0, digits = 0
            while j < p.count, p[j] >= 0x30, p[j] <= 0x39 { low = min(low * 10 + Int(p[j] - 0x30), 1 << 20); j += 1; digits += 1 }
            if j < p.count, p[j] == UInt8(ascii: "}") { return digits > 0 ? (false, low, j + 1 - k) : nil }
            guard j < p.count, p[j] == UInt8(ascii: ",") else { return nil }
            j += 1
            var high = 0, highDigits = 0
            while j < p.count, p[j] >= 0x30, p[j] <= 0x39 { high = min(high * 10 + Int(p[j] - 0x30), 1 << 20); j += 1; highDigits += 1 }
            guard j < p.count, p[j] == UInt8(ascii: "}"), digits + highDigits > 0 else { return nil }
            return highDigits == 0 ? (true, .max, j + 1 - k) : (false, high, j + 1 - k)
        }

        private mutating func openGroup() {
            var atomic = false
            var j = i + 1
            if j < p.count, p[j] == UInt8(ascii: "?") {
                j += 1
                if j < p.count {
                    switch p[j] {
                    case UInt8(ascii: ">"):
                        atomic = true
                        j += 1
                    case UInt8(ascii: ":"), UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: "|"):
                        j += 1
                    case UInt8(ascii: "<"), UInt8(ascii: "P"), UInt8(ascii: "'"):
                        if p[j] == UInt8(ascii: "<"), j + 1 < p.count, p[j + 1] == UInt8(ascii: "=") || p[j + 1] == UInt8(ascii: "!") {
                            j += 2
                        } else {
                            let close = p[j] == UInt8(ascii: "'") ? UInt8(ascii: "'") : UInt8(ascii: ">")
                            j += 1
                            while j < p.count, p[j] != close { j += 1 }
                            j += 1
                        }
                    default:
                        // Inline options: `(?i)` changes flags and is no group; `(?i:` opens one.
                        while j < p.count, p[j] != UInt8(ascii: ")"), p[j] != UInt8(ascii: ":") { j += 1 }
                        if j < p.count, p[j] == UInt8(ascii: ")") {
                            i = j + 1
                            last = .none
                            return
                        }
                        j += 1
                    }
                }
            }
            let start = min(j, p.count)
            stack.append(Group(open: i, atomic: atomic, alternativeStarts: [start]))
            last = .none
            i = start
        }

        private mutating func skipEscape() {
            i += 1
            guard i < p.count else { return }
            let kind = p[i]
            i += 1
            let braced: Set<UInt8> = [UInt8(ascii: "p"), UInt8(ascii: "P"), UInt8(ascii: "x"), UInt8(ascii: "u"),
                                      UInt8(ascii: "N"), UInt8(ascii: "k"), UInt8(ascii: "g")]
            guard braced.contains(kind), i < p.count else { return }
            let close: UInt8
            switch p[i] {
            case UInt8(ascii: "{"): close = UInt8(ascii: "}")
            case UInt8(ascii: "<"): close = UInt8(ascii: ">")
            default: return
            }
            while i < p.count, p[i] != close { i += 1 }
            i = min(i + 1, p.count)
        }

        mutating func skipClass() {
            i += 1
            if i < p.count, p[i] == UInt8(ascii: "^") { i += 1 }
            if i < p.count, p[i] == UInt8(ascii: "]") { i += 1 }
            var depth = 1
            while i < p.count, depth > 0 {
                switch p[i] {
                case UInt8(ascii: "\\"): i += 2
                case UInt8(ascii: "["): depth += 1; i += 1
                case UInt8(ascii: "]"): depth -= 1; i += 1
                default: i += 1
                }
            }
            i = min(i, p.count)
        }
    }
}
