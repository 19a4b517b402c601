/// A problem in a rule pack, config file or theme file, located so the user can fix it.
///
/// Every message names the file and, when the problem has a place in it, the
/// 1-based line: a typo in a YAML file must point at itself rather than quietly
/// change what telltale watches.
public struct ConfigError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The file name as given to the loader (a path, or a label such as `default-rules.yaml`).
    public var file: String
    /// The 1-based line of the offending node, when known.
    public var line: Int?
    /// What is wrong, in words that name the key or value.
    public var reason: String

    public init(file: String, line: Int? = nil, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    /// `<file>:<line>: <reason>`, or `<file>: <reason>` without a line.
    public var description: String {
        if let line { return "\(file):\(line): \(reason)" }
        return "\(file): \(reason)"
    }
}
