/// The log tail's filter: a regular expression matched against the logger and
/// the message of each entry.
public struct LogFilter {
    private let regex: Regex<AnyRegexOutput>?

    /// A filter for `pattern`; matches everything when nil or invalid.
    public init(_ pattern: String?) {
        regex = pattern.flatMap { try? Regex($0) }
    }

    /// Why `pattern` is not a usable regular expression, or nil when it is.
    public static func problem(in pattern: String) -> String? {
        do {
            _ = try Regex(pattern)
            return nil
        } catch {
            return "invalid regex: \(error)".split(separator: "\n").first.map(String.init) ?? "invalid regex"
        }
    }

    public func matches(_ text: String) -> Bool {
        guard let regex else { return true }
        return (try? regex.firstMatch(in: text)) != nil
    }
}
