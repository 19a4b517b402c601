import TelltaleCore

/// Pushes the input's lines through an `EntryAssembler` with small limits and
/// checks that no line is invented: entries never hold more lines than came in.
///
/// The assembler reassembles pretty-printed JSON across lines with its own
/// brace and string tracking; malformed, unbalanced and deeply nested input
/// must flush as plain lines, never crash or loop.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEntryAssembler(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let first = bytes.first else { return 0 }
    var assembler = EntryAssembler(maxEntryBytes: Int(first) * 8 + 1, maxEntryLines: Int(first % 13) + 1)
    var pushed = 0
    var emitted = 0
    for line in bytes.dropFirst().split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
        pushed += 1
        assembler.push(RawLine(bytes: Array(line), truncated: line.count > 200)) { emitted += $0.lineCount }
    }
    assembler.finish { emitted += $0.lineCount }
    if emitted > pushed {
        fatalError("\(emitted) lines emitted from \(pushed) pushed")
    }
    return 0
}
