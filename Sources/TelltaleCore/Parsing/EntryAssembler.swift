/// Groups lines into log entries, putting pretty-printed JSON back together.
///
/// Most lines are entries on their own and pass straight through: a line whose
/// first non-space byte is not `{` or `[`, or that starts with `{` and ends with
/// `}` (a compact JSON object; if it is not valid JSON after all the parser
/// reports it as unparsed). A line that opens an object without closing it
/// starts an entry that grows, line by line, until its braces balance (counted
/// outside strings, escapes respected). A top-level array, as
/// `gcloud logging read --format=json` prints (`[`, `  {`, ..., `  },`, `  {`,
/// ..., `  }`, `]`) or on one line (`[{...},{...}]`), yields each element object
/// as its own entry; the brackets and commas are not entries.
///
/// When an entry cannot be completed (it grows past `maxEntryBytes` or
/// `maxEntryLines`, a line starts a new top-level value at or left of the open
/// entry's column, a string runs past the end of a line, an array holds
/// something other than objects, a line was cut by the line cap, or the input
/// ends), the lines gathered so far are flushed as they are, each line its own
/// entry. They then reach the parser as unparsed lines: malformed JSON is still
/// shown and counted, never lost, never a crash.
public struct EntryAssembler: Sendable {
    public let maxEntryBytes: Int
    public let maxEntryLines: Int

    private enum Mode: Sendable { case idle, object, array }

    private var mode = Mode.idle
    /// Open containers, counting the enclosing array itself in array mode.
    private var depth = 0
    private var inString = false
    private var escaped = false
    /// Whether an entry (the object, or an array element) has started.
    private var entryOpen = false
    /// Column of the `{` that opened the current entry.
    private var openColumn = 0
    /// The entry's bytes so far.
    private var entryBytes: [UInt8] = []
    private var entryLines = 0
    /// Lines taken in since the last entry was emitted: what a failed entry flushes.
    private var pendingLines: [RawLine] = []

    public init(maxEntryBytes: Int = 4 << 20, maxEntryLines: Int = 100_000) {
        self.maxEntryBytes = max(1, maxEntryBytes)
        self.maxEntryLines = max(1, maxEntryLines)
    }

    /// Takes one line; calls `emit` for every entry it completes, in order.
    ///
    /// - Parameters:
    ///   - line: the next physical line of the source.
    ///   - emit: receives zero or more entries: none while a JSON value is still
    ///     open, several when a line completes an array element and more.
    public mutating func push(_ line: RawLine, _ emit: (RawEntry) -> Void) {
        if mode == .idle {
            pushIdle(line, emit)
            return
        }
        if line.truncated {
            flushPending(emit)
            emit(RawEntry(line: line))
            return
        }
        if entryOpen, let first = Self.firstNonSpace(line.bytes, from: 0), first <= openColumn,
           line.bytes[first] == UInt8(ascii: "{") || line.bytes[first] == UInt8(ascii: "[") {
            flushPending(emit)
            pushIdle(line, emit)
            return
        }
        scan(line, from: 0, emit)
    }

    /// Flushes whatever is unfinished, each line as its own entry.
    public mutating func finish(_ emit: (RawEntry) -> Void) {
        if mode != .idle { flushPending(emit) }
    }

    /// Whether no entry is open: the next line is judged on its own.
    public var isIdle: Bool { mode == .idle }

    /// Whether a (not cut) line met while idle is an entry by itself, or
    /// opens one that spans lines. The one rule, used by `push` and by
    /// readers that pass such lines by without copying them.
    public static func isWholeEntry(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = firstNonSpace(bytes, from: 0) else { return true }
        switch bytes[first] {
        case UInt8(ascii: "{"):
            guard let last = lastNonSpace(bytes) else { return false }
            return bytes[last] == UInt8(ascii: "}")
        case UInt8(ascii: "["):
            // `[` alone, `[{` or `[]` starts an array; `[INFO] ...` is a text line.
            guard let next = firstNonSpace(bytes, from: first + 1) else { return false }
            return bytes[next] != UInt8(ascii: "{") && bytes[next] != UInt8(ascii: "]")
        default:
            return true
        }
    }

    private mutating func pushIdle(_ line: RawLine, _ emit: (RawEntry) -> Void) {
        let bytes = line.bytes
        guard !line.truncated, let first = Self.firstNonSpace(bytes, from: 0),
              !bytes.withUnsafeBufferPointer(Self.isWholeEntry) else {
            emit(RawEntry(line: line))
            return
        }
        begin(bytes[first] == UInt8(ascii: "{") ? .object : .array)
        scan(line, from: first, emit)
    }

    private mutating func begin(_ newMode: Mode) {
        mode = newMode
        depth = 0
        inString = false
        escaped = false
        entryOpen = false
        entryBytes = []
        entryLines = 0
        pendingLines = []
    }

    /// Walks one line's bytes from `from`, tracking nesting, emitting finished entries.
    private mutating func scan(_ line: RawLine, from: Int, _ emit: (RawEntry) -> Void) {
        let bytes = line.bytes
        let n = bytes.count
        var consumedByEntry = false
        /// Where in this line the open entry's bytes begin.
        var segmentStart = entryOpen ? 0 : -1
        if entryOpen {
            entryBytes.append(0x0A)
            entryLines += 1
        }
        var i = from
        var failed = false
        scanning: while i < n {
            let b = bytes[i]
            if inString {
                if escaped {
                    escaped = false
                } else if b == UInt8(ascii: "\\") {
                    escaped = true
                } else if b == UInt8(ascii: "\"") {
                    inString = false
                }
                i += 1
                continue
            }
            let betweenElements = mode == .array && depth == 1
            switch b {
            case UInt8(ascii: "\""):
                guard !betweenElements else { failed = true; break scanning }
                inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if betweenElements {
                    guard b == UInt8(ascii: "{") else { failed = true; break scanning }
                }
                if (mode == .object && depth == 0) || betweenElements {
                    entryOpen = true
                    openColumn = i
                    segmentStart = i
                    entryLines = 1
                }
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if betweenElements {
                    guard b == UInt8(ascii: "]") else { failed = true; break scanning }
                    begin(.idle)
                    // Text after the closing bracket is not part of the array: keep it
                    // as an entry of its own rather than drop it.
                    if let extra = Self.firstNonSpace(bytes, from: i + 1) {
                        let rest = Array(bytes[extra...])
                        emit(RawEntry(bytes: rest, lineCount: 1, truncated: false, rawByteCount: rest.count))
                    }
                    return
                }
                depth -= 1
                let closesEntry = mode == .object ? depth == 0 : depth == 1
                if closesEntry {
                    if mode == .object, Self.firstNonSpace(bytes, from: i + 1) != nil {
                        // Something follows the object on its closing line: not a clean
                        // entry, so its lines go out as they are.
                        failed = true
                        break scanning
                    }
                    entryBytes.append(contentsOf: bytes[segmentStart...i])
                    emit(RawEntry(bytes: entryBytes, lineCount: entryLines, truncated: false, rawByteCount: entryBytes.count))
                    entryBytes = []
                    entryOpen = false
                    segmentStart = -1
                    consumedByEntry = true
                    pendingLines = []
                    if mode == .object {
                        begin(.idle)
                        return
                    }
                }
            case UInt8(ascii: ","), 0x20, 0x09:
                break
            default:
                guard !betweenElements else { failed = true; break scanning }
            }
            i += 1
        }
        if !failed, inString { failed = true }
        if !failed, entryOpen {
            entryBytes.append(contentsOf: bytes[segmentStart..<n])
            if entryBytes.count > maxEntryBytes || entryLines > maxEntryLines { failed = true }
        }
        if failed {
            if !consumedByEntry { pendingLines.append(line) }
            flushPending(emit)
            return
        }
        if consumedByEntry { pendingLines = [] } else { pendingLines.append(line) }
    }

    /// Emits every pending line as its own entry and forgets the open entry.
    private mutating func flushPending(_ emit: (RawEntry) -> Void) {
        for line in pendingLines { emit(RawEntry(line: line)) }
        begin(.idle)
    }

    private static func firstNonSpace(_ bytes: [UInt8], from: Int) -> Int? {
        bytes.withUnsafeBufferPointer { firstNonSpace($0, from: from) }
    }

    private static func firstNonSpace(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        var i = from
        while i < bytes.count {
            if bytes[i] != 0x20, bytes[i] != 0x09 { return i }
            i += 1
        }
        return nil
    }

    private static func lastNonSpace(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = bytes.count - 1
        while i >= 0 {
            if bytes[i] != 0x20, bytes[i] != 0x09 { return i }
            i -= 1
        }
        return nil
    }
}
