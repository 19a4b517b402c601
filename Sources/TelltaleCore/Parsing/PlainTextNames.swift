/// The logger and service names of a plain-text header, shared by every entry
/// (and continuation line) with that header.
///
/// An entry's `LineParser.ContinuationOwner` is copied for every plain-text
/// line (into its sketch, then into the parser): holding the names as one
/// object, a copy retains one reference where an array and a string were two.
final class PlainTextNames: Sendable {
    let loggers: [String]
    let service: String?

    init(loggers: [String], service: String?) {
        self.loggers = loggers
        self.service = service
    }
}
