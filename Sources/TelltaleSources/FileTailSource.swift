import TelltaleCore

/// A log file read once or followed like `tail -F`.
///
/// Following survives the ways log files are really managed: rename rotation
/// (the old file is read to its end, then the new one from its start),
/// copytruncate (restart at 0 when the file shrinks below what was read), deletion
/// and re-creation, a file that does not exist yet, and a path that is briefly a
/// directory or unreadable. Every byte is handed on exactly once; splitting into
/// lines is the pipeline's job.
public struct FileTailSource: LogSource {
    public let name: String
    /// The path watched; after rotation it names the new file, not the old one.
    public let path: String
    /// Keep reading as the file grows and is rotated, instead of ending at its end.
    public let follow: Bool
    /// Read an existing file from its start instead of from its end when following.
    public let fromStart: Bool

    /// - Parameters:
    ///   - path: The file to read; it may not exist yet when following.
    ///   - follow: Keep reading like `tail -F`; `false` reads the whole file once.
    ///   - fromStart: When following, begin at the start of an existing file.
    public init(path: String, follow: Bool, fromStart: Bool) {
        self.name = path
        self.path = path
        self.follow = follow
        self.fromStart = fromStart
    }

    public func run(_ emit: @escaping @Sendable (SourceEvent) -> Void) async {
        let path = path
        let name = name
        let follow = follow
        let fromStart = fromStart
        await DedicatedThread.run(named: "tail \(path)") { signal in
            let tailer = FileTailer(path: path, name: name, signal: signal, emit: emit)
            if follow {
                tailer.follow(fromStart: fromStart)
            } else {
                tailer.readWholeFile()
            }
        }
    }
}
