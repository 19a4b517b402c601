import TelltaleCore

/// What one `--logs` argument names: standard input, a command, an HTTP stream
/// or a file.
///
/// Classifying is kept apart from building so the command line can reject or
/// route an argument (an HTTP stream is built by the HTTP sources) before any
/// I/O starts.
public enum LogSourceSpec: Sendable, Equatable {
    /// `-`: the process's standard input.
    case standardInput
    /// `cmd:LINE`: a program run without a shell; holds LINE.
    case command(String)
    /// `http://` or `https://`: a streamed log endpoint; holds the URL as given,
    /// for the HTTP source to parse and report on.
    case http(String)
    /// Anything else: a file path.
    case file(String)

    static let commandPrefix = "cmd:"

    /// Classifies one `--logs` argument. Never fails: whatever is not recognised
    /// is a path, and a bad path is reported by the file source itself.
    public static func parse(_ text: String) -> LogSourceSpec {
        if text == "-" {
            return .standardInput
        }
        if text.hasPrefix(commandPrefix) {
            return .command(String(text.dropFirst(commandPrefix.count)))
        }
        let lowered = text.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") {
            return .http(text)
        }
        return .file(text)
    }

    /// Builds the source for a local spec; `nil` for `.http`, which another
    /// target builds.
    ///
    /// - Parameters:
    ///   - follow: Keep reading files and restarting commands, rather than
    ///     reading once to the end.
    ///   - fromStart: When following a file that exists, start at its beginning.
    public func makeLocalSource(follow: Bool, fromStart: Bool) -> (any LogSource)? {
        switch self {
        case .standardInput:
            StandardInputSource()
        case .command(let line):
            CommandSource(commandLine: line, follow: follow)
        case .file(let path):
            FileTailSource(path: path, follow: follow, fromStart: fromStart)
        case .http:
            nil
        }
    }
}
