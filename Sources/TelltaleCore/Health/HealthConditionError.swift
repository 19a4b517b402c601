/// Why a health condition's text could not be read, and where.
///
/// Conditions come from flags and config files, so the message points at the
/// exact column (1-based, in characters) the way a compiler would, and a person
/// can fix the typo without guessing.
public struct HealthConditionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The condition text as it was given.
    public let text: String
    /// The 1-based character column where reading stopped.
    public let column: Int
    /// What was expected or wrong at that column.
    public let reason: String

    public init(text: String, column: Int, reason: String) {
        self.text = text
        self.column = column
        self.reason = reason
    }

    public var description: String {
        "health condition `\(text)`: column \(column): \(reason)"
    }
}
