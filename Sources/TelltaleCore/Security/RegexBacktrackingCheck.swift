/// Refuses regular expressions whose shape makes a backtracking engine take
/// exponential time, before they are ever run.
///
/// Rule and redaction files are data a user may copy from anywhere, and Swift's
/// `Regex` backtracks: `(a+)+$` against a line of thirty `a`s and a `b` never
/// finishes, and it would freeze the whole pipeline (matching holds the ingest
/// lock). The engine cannot be interrupted, so the defence is to refuse the
/// patterns that explode, by their shape (`RegexShapeParser` reads it).
///
/// Exponential time needs a group repeated many times (without bound, or more
/// than `largeRepeat` times) whose repetitions can match one text in more than
/// one way; then every way is tried before a match fails. A repeated group is
/// refused when:
/// - one of its alternatives can match the empty text (`(a?)*`, `(?:|a)+`);
/// - two alternatives can begin with the same character (`(a|ab)*`, `(\w|\d)+`,
///   `(.|x)*`): comparing the characters each atom admits, so overlap between
///   different classes counts;
/// - a piece of variable length inside it (`a+`, `\w{1,3}`, a nested group)
///   can trade characters with the next variable piece that can match the same
///   characters, inside one repetition or across into the next one, with no
///   piece in between that must match a character the first cannot
///   (`(a+)+`, `(.*)*`, `(\w+\s?)+`, `(\w+\.\w+)+`, `(x+x+)+`).
/// The same two tests apply to the groups inside the repeated body (without
/// the wrap into the next repetition), since a choice made two ways in each
/// repetition multiplies too: `(?:(?:a|a)b)+`, `(?:(?:a+a+)b)+`.
/// So a repetition closed by a character its inner quantifier cannot match is
/// accepted: `(?:\w+\.)+`, `(\d+,)*`, `(a+b+)+`. Atomic groups `(?>…)` and
/// possessive quantifiers (`++`, `*+`) give nothing back, so they count as one
/// fixed piece, and they are the fix the messages suggest.
///
/// Also refused, though polynomial rather than exponential: the same piece
/// repeated without bound twice in a row (`.*.*x`, `\s*\s+$`), of a degree a
/// 4 KiB line already makes slow, and never needed. Other polynomial shapes
/// (`.*x.*y`) pass; the regex input limit of rules bounds them. Where the
/// reading is unsure (a class it cannot parse, a backreference) it assumes the
/// piece can match anything, so a doubt refuses rather than accepts.
public enum RegexBacktrackingCheck {
    /// A bounded repeat above this count is treated as unbounded.
    public static let largeRepeat = 3

    /// Why `source` is refused, or nil when its shape is safe.
    public static func problem(in source: String) -> String? {
        var parser = RegexShapeParser(source)
        let top = parser.parse()
        if parser.tooDeep {
            return "groups nested more than \(RegexShapeParser.maximumDepth) deep"
        }
        let check = ShapeCheck(p: Array(source.utf8))
        if let problem = check.problem(in: top) { return problem }
        for body in parser.lookarounds {
            if let problem = check.problem(in: body) { return problem }
        }
        return nil
    }

    private struct ShapeCheck {
        let p: [UInt8]

        func text(_ item: RegexShape.Item) -> String {
            String(decoding: p[item.text.clamped(to: 0..<p.count)], as: UTF8.self)
        }

        /// The first problem in these alternatives or in any group inside them.
        func problem(in alternatives: [[RegexShape.Item]]) -> String? {
            for items in alternatives {
                if let problem = adjacentRepeats(items) { return problem }
                for item in items {
                    guard case .group(let inner, let atomic) = item.shape else { continue }
                    if !atomic, !item.possessive, item.repeatsALot(largeRepeat: RegexBacktrackingCheck.largeRepeat),
                       let problem = ambiguity(of: item, alternatives: inner) {
                        return problem
                    }
                    if let problem = problem(in: inner) { return problem }
                }
            }
            return nil
        }

        /// `.*.*`, `\s*\s+`: one piece repeated without bound twice in a row.
        func adjacentRepeats(_ items: [RegexShape.Item]) -> String? {
            for (a, b) in zip(items, items.dropFirst()) {
                guard a.maximum == nil, b.maximum == nil, !a.possessive, !b.possessive,
                      p[a.text.clamped(to: 0..<p.count)] == p[b.text.clamped(to: 0..<p.count)] else { continue }
                return "adjacent quantifiers over the same atom: \(text(a)) is repeated without bound twice in a row, which backtracks polynomially on a long line; one quantifier says the same"
            }
            return nil
        }

        /// Why repeating `group` can match one text in many ways, if it can.
        func ambiguity(of group: RegexShape.Item, alternatives: [[RegexShape.Item]]) -> String? {
            let name = text(group)
            for items in alternatives where items.reduce(0, { $0 + $1.minimumLength }) == 0 {
                if group.shape.holdsUnboundedRepeat {
                    return nestedQuantifier(name, detail: "it can match the empty text, so any stretch of text splits between repetitions in countless ways")
                }
                return "repeated empty match: the group \(name) is repeated and can match the empty text, which backtracks exponentially; make every alternative take at least one character"
            }
            let firsts = alternatives.map(firstCharacters)
            for a in firsts.indices {
                for b in firsts.indices where b > a && firsts[a].overlaps(firsts[b]) {
                    return "repeated overlapping alternatives: the group \(name) is repeated and two of its alternatives can begin with the same character, which backtracks exponentially; make the alternatives distinct or the group atomic (?>...)"
                }
            }
            for (k, items) in alternatives.enumerated() {
                for (m, piece) in items.enumerated() where piece.isVariable {
                    guard let rival = rival(of: (k, m), in: alternatives) else { continue }
                    let pair = rival.text == piece.text
                        ? "\(text(piece)) can take characters from its own next repetition"
                        : "\(text(piece)) and \(text(rival)) can take characters from each other"
                    let detail = "\(pair) with nothing between them that \(text(piece)) cannot match"
                    if piece.minimum != piece.maximum || rival.minimum != rival.maximum
                        || piece.holdsUnboundedRepeat || rival.holdsUnboundedRepeat {
                        return nestedQuantifier(name, detail: detail)
                    }
                    return "ambiguous repetition: the group \(name) is repeated and \(detail), which backtracks exponentially; separate them by a character the first cannot match, or use an atomic group (?>...)"
                }
            }
            return innerAmbiguity(of: name, in: alternatives)
        }

        /// A choice inside the repeated body that can match one text two ways
        /// (`(?:(?:a|a)b)+`, `(?:(?:a+a+)b)+`) is made again in every
        /// repetition, so it multiplies just as the repetition's own does.
        func innerAmbiguity(of name: String, in alternatives: [[RegexShape.Item]]) -> String? {
            for item in alternatives.joined() {
                guard case .group(let inner, let atomic) = item.shape, !atomic, !item.possessive else { continue }
                let firsts = inner.map(firstCharacters)
                for a in firsts.indices {
                    for b in firsts.indices where b > a && firsts[a].overlaps(firsts[b]) {
                        return "repeated overlapping alternatives: the group \(name) is repeated and the alternatives of \(text(item)) inside it can begin with the same character, which backtracks exponentially; make the alternatives distinct or the inner group atomic (?>...)"
                    }
                }
                for (k, items) in inner.enumerated() {
                    for (m, piece) in items.enumerated() where piece.isVariable {
                        guard let rival = rival(of: (k, m), in: inner, wraps: false) else { continue }
                        return nestedQuantifier(name, detail: "inside it \(text(piece)) and \(text(rival)) can take characters from each other with nothing between them that \(text(piece)) cannot match")
                    }
                }
                if let problem = innerAmbiguity(of: name, in: inner) { return problem }
            }
            return nil
        }

        func nestedQuantifier(_ name: String, detail: String) -> String {
            "nested quantifier: the group \(name) is repeated and holds a quantifier of its own; \(detail), which backtracks exponentially on a long line; end each repetition with a character the inner quantifier cannot match (as in (?:\\w+\\.)+), or use an atomic group (?>...), a possessive quantifier (++, *+) or one flat quantifier"
        }

        /// The characters an alternative can begin with.
        func firstCharacters(_ items: [RegexShape.Item]) -> RegexCharacterSet {
            var set = RegexCharacterSet.empty
            for item in items {
                set = set.union(item.characters)
                if item.minimumLength > 0 { break }
            }
            return set
        }

        /// The first variable piece that can share characters with the piece at
        /// `start` before something it cannot match must come: walking on
        /// through its sequence and around into every alternative of the next
        /// repetition. nil when every path meets such a separator first.
        func rival(of start: (Int, Int), in alternatives: [[RegexShape.Item]], wraps: Bool = true) -> RegexShape.Item? {
            let characters = alternatives[start.0][start.1].characters
            var entered = Set<Int>()
            func walk(_ k: Int, from first: Int) -> RegexShape.Item? {
                let items = alternatives[k]
                for m in first..<max(first, items.count) {
                    let next = items[m]
                    if !next.characters.overlaps(characters) {
                        if next.minimumLength > 0 { return nil }
                        continue
                    }
                    if next.isVariable { return next }
                }
                guard wraps else { return nil }
                for j in alternatives.indices where !entered.contains(j) {
                    entered.insert(j)
                    if let found = walk(j, from: 0) { return found }
                }
                return nil
            }
            return walk(start.0, from: start.1 + 1)
        }
    }
}
