import TelltaleCore

/// Feeds arbitrary bytes through a `LogReader` twice, whole and in chunks whose
/// sizes come from the input, and traps when the two disagree.
///
/// The reader keeps state across chunks (an unfinished line, an open JSON
/// object, a traceback's owner), so a record that depends on where a read
/// happened to end is a bug even when nothing crashes. Redaction runs inside
/// the reader, so its byte scan is fuzzed too.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLogReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let first = bytes.first else { return 0 }
    let body = Array(bytes.dropFirst())
    // Small line caps, so that truncation paths are reached with short inputs.
    let cap = first & 1 == 0 ? 4096 : 64

    var whole = LogReader(source: "fuzz", maxLineBytes: cap)
    var expected: [LogRecord] = []
    whole.feed(body, arrival: 1) { expected.append($0) }
    whole.finish(arrival: 1) { expected.append($0) }

    var chunked = LogReader(source: "fuzz", maxLineBytes: cap)
    var actual: [LogRecord] = []
    let step = Int(first >> 1) % 17 + 1
    var start = 0
    while start < body.count {
        let end = min(body.count, start + step)
        chunked.feed(Array(body[start..<end]), arrival: 1) { actual.append($0) }
        start = end
    }
    chunked.finish(arrival: 1) { actual.append($0) }

    if actual != expected {
        fatalError("chunking changed the records: \(expected.count) whole vs \(actual.count) in chunks of \(step)")
    }
    if whole.lines != chunked.lines || whole.entries != chunked.entries {
        fatalError("chunking changed the counts: lines \(whole.lines)/\(chunked.lines), entries \(whole.entries)/\(chunked.entries)")
    }
    return 0
}
