/// Why a request header could not be parsed or resolved.
///
/// Every message names the header and, where relevant, the variable or file, but never a
/// resolved value: these headers carry tokens, and error text ends up on screens and in reports.
public enum HeaderSpecError: Error, Equatable, CustomStringConvertible {
    /// The text is not `Name: value`, or its `${...}` references are malformed.
    case malformed(String)
    /// A `${VAR}` reference names a variable that is not set.
    case unsetVariable(header: String, variable: String)
    /// An `@/path` value could not be read.
    case unreadableFile(header: String, path: String, reason: String)
    /// The resolved value contains a line break or NUL, which would split the request.
    case invalidValue(header: String)

    public var description: String {
        switch self {
        case .malformed(let why):
            "malformed header: \(why)"
        case .unsetVariable(let header, let variable):
            "header \(header): environment variable \(variable) is not set"
        case .unreadableFile(let header, let path, let reason):
            "header \(header): cannot read \(path): \(reason)"
        case .invalidValue(let header):
            "header \(header): value contains a line break or NUL"
        }
    }
}
