import Foundation
import TelltaleCore

/// Reads a recording entry by entry, a megabyte at a time.
///
/// A recording of an hour at 2k lines/s is gigabytes; holding it whole (as an
/// array of entries) would make a replay's memory grow with the recording,
/// and its "memory stays flat" meaningless. The reader keeps one buffer and
/// checks what `RecordingReplay.load` checks: a header first, a supported
/// version, every line an entry (the error names the line).
public struct RecordingReader {
    public let path: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var consumed = 0
    private var atEnd = false
    /// The number of the last line read (1-based).
    public private(set) var lineNumber = 0

    public init(path: String) throws(RecordingError) {
        self.path = path
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw RecordingError(path: path, reason: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")
        }
        self.handle = handle
    }

    /// The next entry, or nil at the end of the file.
    public mutating func next() throws(RecordingError) -> RecordingEntry? {
        while let line = nextLine() {
            lineNumber += 1
            if line.isEmpty { continue }
            guard let entry = RecordingEntry.decode(String(decoding: line, as: UTF8.self)) else {
                throw RecordingError(path: path, reason: "not a recording entry", line: lineNumber)
            }
            if lineNumber == 1 {
                guard case .header(let version, _, _) = entry else {
                    throw RecordingError(path: path, reason: "not a telltale recording (no header)", line: 1)
                }
                guard version == RecordingEntry.formatVersion else {
                    throw RecordingError(path: path, reason: "recording format \(version) is not supported (expected \(RecordingEntry.formatVersion))", line: 1)
                }
            }
            return entry
        }
        if lineNumber == 0 { throw RecordingError(path: path, reason: "empty file") }
        return nil
    }

    /// The next line without its newline; the last one may lack it.
    private mutating func nextLine() -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer[consumed...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[consumed..<newline]
                consumed = newline + 1
                return line
            }
            if atEnd {
                guard consumed < buffer.count else { return nil }
                let line = buffer[consumed...]
                consumed = buffer.count
                return line
            }
            // Keep the unfinished line, drop what was read, fill up.
            buffer.removeSubrange(0..<consumed)
            consumed = 0
            let chunk = (try? handle.read(upToCount: 1 << 20)) ?? nil
            if let chunk, !chunk.isEmpty {
                buffer.append(contentsOf: chunk)
            } else {
                atEnd = true
                try? handle.close()
            }
        }
    }
}
