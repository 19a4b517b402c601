/// The newest database failure: when, and the text that reported it.
public struct DatabaseFailure: Sendable, Equatable {
    public var at: Double
    public var text: String

    public init(at: Double, text: String) {
        self.at = at
        self.text = text
    }
}
