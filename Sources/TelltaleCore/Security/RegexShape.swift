/// A regular expression's structure as far as backtracking cares: what each
/// piece can match, how often it repeats, and how it groups.
///
/// Built by `RegexShapeParser` from the pattern's text, read by
/// `RegexBacktrackingCheck`. It is not a regex engine: it never matches, it
/// only keeps what decides whether one text can be matched in many ways.
indirect enum RegexShape {
    /// One character out of a set.
    case character(RegexCharacterSet)
    /// Matches no character: anchors, `\b`, lookarounds.
    case zeroWidth
    /// A backreference: any text of any length the group matched.
    case backreference
    /// `( … | … )`; `atomic` for `(?>…)`, which gives nothing back once matched.
    case group(alternatives: [[Item]], atomic: Bool)

    /// One piece of a sequence and its quantifier.
    struct Item {
        var shape: RegexShape
        var minimum: Int
        /// nil: without bound.
        var maximum: Int?
        /// `*+`, `++`, `?+`: never gives back what it took.
        var possessive: Bool
        /// Where the piece is written in the pattern, quantifier excluded.
        var text: Range<Int>

        /// Whether the repetition is long enough to backtrack exponentially.
        func repeatsALot(largeRepeat: Int) -> Bool {
            maximum.map { $0 > largeRepeat } ?? true
        }

        /// The fewest characters any match of this item takes.
        var minimumLength: Int { minimum == 0 ? 0 : shape.minimumLength * minimum }

        /// Every character a match of this item can hold.
        var characters: RegexCharacterSet { shape.characters }

        /// Whether the same text can be split differently between this item and
        /// its neighbours: its length varies and it gives back what it took.
        var isVariable: Bool {
            if possessive { return false }
            if case .group(_, true) = shape { return false }
            return minimum != maximum || shape.isVariable
        }

        /// Whether it, or something inside it, repeats without bound (and can
        /// give back): the mark of a nested quantifier.
        var holdsUnboundedRepeat: Bool {
            if possessive { return false }
            if case .group(_, true) = shape { return false }
            return (maximum == nil && shape.minimumLength > 0) || shape.holdsUnboundedRepeat
        }
    }

    var minimumLength: Int {
        switch self {
        case .character: 1
        case .zeroWidth, .backreference: 0
        case .group(let alternatives, _):
            alternatives.map { $0.reduce(0) { $0 + $1.minimumLength } }.min() ?? 0
        }
    }

    var characters: RegexCharacterSet {
        switch self {
        case .character(let set): set
        case .zeroWidth: .empty
        case .backreference: .any
        case .group(let alternatives, _):
            alternatives.joined().reduce(RegexCharacterSet.empty) { $0.union($1.characters) }
        }
    }

    var isVariable: Bool {
        switch self {
        case .character, .zeroWidth: false
        case .backreference: true
        case .group(let alternatives, let atomic):
            !atomic && (alternatives.count > 1 || alternatives.joined().contains { $0.isVariable })
        }
    }

    var holdsUnboundedRepeat: Bool {
        switch self {
        case .character, .zeroWidth, .backreference: false
        case .group(let alternatives, let atomic):
            !atomic && alternatives.joined().contains { $0.holdsUnboundedRepeat }
        }
    }
}
