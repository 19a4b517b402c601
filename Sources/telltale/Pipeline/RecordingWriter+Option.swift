import Foundation
import TelltaleSources

extension RecordingWriter {
    /// The writer for `--record PATH`: `.some(nil)` without the option, the
    /// writer when the file could be created (mode 0600), and nil, after
    /// saying why on stderr, when it could not: the run then ends with 64.
    static func forRecordOption(_ path: String?) -> RecordingWriter?? {
        guard let path else { return .some(nil) }
        do {
            return .some(try RecordingWriter(path: path, started: wallClock()))
        } catch {
            FileHandle.standardError.write(Data("telltale: cannot record: \(error.description)\n".utf8))
            return nil
        }
    }
}
