import Synchronization

/// A rule pattern's Swift `Regex` and its by-scalar twin, compiled at load or
/// on first use.
///
/// Compiling the shipped pack's regexes was the largest part of loading it,
/// about 3 ms of every start-up on the way to the first line, yet they only
/// run on text that is not printable ASCII: the byte matcher (`BytePattern`)
/// answers for the rest. So a pattern the byte matcher takes is compiled the
/// first time a message needs the engine. Its syntax is one the engine
/// accepts (the byte matcher's parser refuses what the engine would, and a
/// test holds it to that over generated patterns); a pattern the byte
/// matcher does not take is compiled at load, where a broken one must be
/// reported with its file and line.
final class CompiledRegex: Sendable {
    /// The two regexes, ready to match.
    ///
    /// `Regex` is Sendable only when its output is, and `AnyRegexOutput` is
    /// not declared so. These are never mutated after `compile`, which runs
    /// one match on each so that the engine's lazily lowered program exists
    /// before they are shared; after that, matching only reads them.
    struct Engines: @unchecked Sendable {
        let regex: Regex<AnyRegexOutput>
        /// The same regex matching by Unicode scalar, for ASCII text without
        /// CR, where every scalar is one character: it spares the engine the
        /// grapheme breaking of each step and finds exactly the same matches.
        let scalarRegex: Regex<AnyRegexOutput>
    }

    let source: String
    /// nil until compiled; `.some(nil)` if compiling on first use failed.
    private let state: Mutex<Engines??>

    /// Compiles `source` now.
    ///
    /// - Throws: the engine's error for a pattern it refuses.
    init(compiling source: String) throws {
        self.source = source
        state = Mutex(.some(try Self.compile(source)))
    }

    /// Keeps `source` to compile when `engines` is first asked for.
    init(deferring source: String) {
        self.source = source
        state = Mutex(nil)
    }

    /// The compiled regexes; nil only if a deferred pattern did not compile
    /// (which the byte matcher's parser is there to rule out).
    var engines: Engines? {
        state.withLock { state in
            if let known = state { return known }
            let compiled = try? Self.compile(source)
            assert(compiled != nil, "a pattern the byte matcher took does not compile: \(source)")
            state = .some(compiled)
            return compiled
        }
    }

    private static func compile(_ source: String) throws -> Engines {
        let regex = try Regex(source)
        let scalarRegex = regex.matchingSemantics(.unicodeScalar)
        _ = "".firstMatch(of: regex)
        _ = "".firstMatch(of: scalarRegex)
        return Engines(regex: regex, scalarRegex: scalarRegex)
    }
}
