/// Why a `cmd:` command line could not be split into arguments.
///
/// Carries the position (a character offset) so the message can point at it.
public enum CommandLineError: Error, Equatable, CustomStringConvertible {
    /// A quote opened at `position` is never closed.
    case unbalancedQuote(quote: Character, position: Int)
    /// The line ends with a backslash that escapes nothing.
    case trailingBackslash(position: Int)
    /// The line holds no program to run.
    case empty

    public var description: String {
        switch self {
        case .unbalancedQuote(let quote, let position):
            "unbalanced \(quote) quote opened at character \(position + 1)"
        case .trailingBackslash(let position):
            "backslash at character \(position + 1) escapes nothing"
        case .empty:
            "empty command"
        }
    }
}
