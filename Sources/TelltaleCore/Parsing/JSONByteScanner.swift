/// A validating, non-recursive JSON scanner over a byte buffer.
///
/// Finds values and object members without building them, so the per-line parser
/// can pick out a handful of fields and skip the rest. Nested values are skipped
/// with an explicit container stack (a 64-bit mask, spilling to an array only past
/// 64 levels), so hostile input nested ten thousand levels deep cannot overflow
/// the call stack. The grammar is RFC 8259, except that raw control bytes inside
/// strings are tolerated: the line splitter already removed newlines, and the
/// text is made display-safe afterwards anyway.
struct JSONByteScanner {
    /// The largest buffer a scanner accepts: token offsets are 32-bit.
    static let maxBufferBytes = Int(UInt32.max)

    let p: UnsafeBufferPointer<UInt8>

    init(_ buffer: UnsafeBufferPointer<UInt8>) { p = buffer }

    @inline(__always) func skipWhitespace(_ from: Int) -> Int {
        var i = from
        while i < p.count {
            let b = p[i]
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { break }
            i += 1
        }
        return i
    }

    /// Scans a string whose opening quote is at `quote`; returns its token and the
    /// index after the closing quote.
    @inline(__always) func scanString(at quote: Int) -> (JSONToken, Int)? {
        var i = quote + 1
        var escapes = false
        let n = p.count
        while i < n {
            i = skipPlainStringBytes(from: i)
            guard i < n else { return nil }
            let b = p[i]
            if b == UInt8(ascii: "\"") {
                return (JSONToken(kind: .string, start: quote + 1, end: i, hasEscapes: escapes), i + 1)
            }
            // A backslash: validate the escape.
            escapes = true
            guard i + 1 < n else { return nil }
            switch p[i + 1] {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                 UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                i += 2
            case UInt8(ascii: "u"):
                guard i + 6 <= n else { return nil }
                for k in (i + 2)..<(i + 6) where JSONByteScanner.hexValue(p[k]) == nil { return nil }
                i += 6
            default:
                return nil
            }
        }
        return nil
    }

    /// The index of the next `"` or `\` at or after `from` (or the end):
    /// string contents are most of a log line's bytes.
    @inline(__always) func skipPlainStringBytes(from: Int) -> Int {
        ByteSearch.firstOf(UInt8(ascii: "\""), UInt8(ascii: "\\"), in: p, from: from)
    }

    /// Scans a number starting at `from`; returns the index after it.
    func scanNumber(at from: Int) -> Int? {
        var i = from
        let n = p.count
        if i < n, p[i] == UInt8(ascii: "-") { i += 1 }
        guard i < n else { return nil }
        if p[i] == UInt8(ascii: "0") {
            i += 1
        } else if p[i] >= 0x31, p[i] <= 0x39 {
            while i < n, p[i] >= 0x30, p[i] <= 0x39 { i += 1 }
        } else {
            return nil
        }
        if i < n, p[i] == UInt8(ascii: ".") {
            i += 1
            let digitsStart = i
            while i < n, p[i] >= 0x30, p[i] <= 0x39 { i += 1 }
            guard i > digitsStart else { return nil }
        }
        if i < n, p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E") {
            i += 1
            if i < n, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") { i += 1 }
            let digitsStart = i
            while i < n, p[i] >= 0x30, p[i] <= 0x39 { i += 1 }
            guard i > digitsStart else { return nil }
        }
        return i
    }

    private func scanLiteral(_ word: StaticString, at from: Int) -> Int? {
        let count = word.utf8CodeUnitCount
        guard from + count <= p.count else { return nil }
        let w = word.utf8Start
        for k in 0..<count where p[from + k] != w[k] { return nil }
        return from + count
    }

    /// Scans one complete value starting at `from` (whitespace already skipped);
    /// returns its token and the index after it. Containers are fully validated.
    func scanValue(at from: Int) -> (JSONToken, Int)? {
        guard from < p.count else { return nil }
        switch p[from] {
        case UInt8(ascii: "\""):
            return scanString(at: from)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard let end = skipContainer(at: from) else { return nil }
            return (JSONToken(kind: p[from] == UInt8(ascii: "{") ? .object : .array, start: from, end: end), end)
        case UInt8(ascii: "t"):
            guard let end = scanLiteral("true", at: from) else { return nil }
            return (JSONToken(kind: .true, start: from, end: end), end)
        case UInt8(ascii: "f"):
            guard let end = scanLiteral("false", at: from) else { return nil }
            return (JSONToken(kind: .false, start: from, end: end), end)
        case UInt8(ascii: "n"):
            guard let end = scanLiteral("null", at: from) else { return nil }
            return (JSONToken(kind: .null, start: from, end: end), end)
        default:
            guard let end = scanNumber(at: from) else { return nil }
            return (JSONToken(kind: .number, start: from, end: end), end)
        }
    }

    /// Validates and skips the object or array opening at `from`, iteratively.
    func skipContainer(at from: Int) -> Int? {
        skipContainer(at: from) { _, _ in }
    }

    /// `skipContainer(at:)`, calling `onValue` with every string, number or
    /// literal the container holds as a value (member keys are not values),
    /// in order, with the index after it.
    @inline(__always)
    func skipContainer(at from: Int, onValue: (JSONToken, Int) -> Void) -> Int? {
        var stack = ContainerStack()
        var i = from
        let n = p.count
        value: while true {
            i = skipWhitespace(i)
            guard i < n else { return nil }
            switch p[i] {
            case UInt8(ascii: "{"):
                i = skipWhitespace(i + 1)
                guard i < n else { return nil }
                if p[i] == UInt8(ascii: "}") {
                    i += 1
                } else {
                    stack.push(isArray: false)
                    guard let afterKey = scanMemberKey(at: i) else { return nil }
                    i = afterKey
                    continue value
                }
            case UInt8(ascii: "["):
                i = skipWhitespace(i + 1)
                guard i < n else { return nil }
                if p[i] == UInt8(ascii: "]") {
                    i += 1
                } else {
                    stack.push(isArray: true)
                    continue value
                }
            default:
                guard let (token, end) = scanScalar(at: i) else { return nil }
                onValue(token, end)
                i = end
            }
            // After a complete value: close containers or move to the next item.
            while true {
                if stack.isEmpty { return i }
                i = skipWhitespace(i)
                guard i < n else { return nil }
                let b = p[i]
                if b == UInt8(ascii: ",") {
                    i = skipWhitespace(i + 1)
                    if !stack.topIsArray {
                        guard let afterKey = scanMemberKey(at: i) else { return nil }
                        i = afterKey
                    }
                    continue value
                }
                guard b == (stack.topIsArray ? UInt8(ascii: "]") : UInt8(ascii: "}")) else { return nil }
                stack.pop()
                i += 1
            }
        }
    }

    /// A string, number or literal (never a container).
    private func scanScalar(at from: Int) -> (JSONToken, Int)? {
        switch p[from] {
        case UInt8(ascii: "{"), UInt8(ascii: "["): return nil
        default: return scanValue(at: from)
        }
    }

    /// Scans `"key" :` at `from`; returns the index after the colon.
    private func scanMemberKey(at from: Int) -> Int? {
        guard from < p.count, p[from] == UInt8(ascii: "\""), let (_, afterKey) = scanString(at: from) else { return nil }
        let colon = skipWhitespace(afterKey)
        guard colon < p.count, p[colon] == UInt8(ascii: ":") else { return nil }
        return colon + 1
    }

    /// Calls `body` with each member of the object whose `{` is at `from`, in order;
    /// returns the index after the closing brace, or nil when the object is invalid.
    func forEachMember(ofObjectAt from: Int, _ body: (JSONToken, JSONToken) -> Void) -> Int? {
        walkMembers(ofObjectAt: from) { key, valueStart in
            guard let (value, end) = scanValue(at: valueStart) else { return nil }
            body(key, value)
            return end
        }
    }

    /// Walks the members of the object at `from`, letting `body` scan each value
    /// itself (from its first byte; it returns the index after the value, or nil
    /// when the value is invalid). This is how a caller descends into the few
    /// nested objects it needs in the same pass that validates them.
    func walkMembers(ofObjectAt from: Int, _ body: (_ key: JSONToken, _ valueStart: Int) -> Int?) -> Int? {
        guard from < p.count, p[from] == UInt8(ascii: "{") else { return nil }
        var i = skipWhitespace(from + 1)
        guard i < p.count else { return nil }
        if p[i] == UInt8(ascii: "}") { return i + 1 }
        while true {
            guard i < p.count, p[i] == UInt8(ascii: "\""), let (key, afterKey) = scanString(at: i) else { return nil }
            i = skipWhitespace(afterKey)
            guard i < p.count, p[i] == UInt8(ascii: ":") else { return nil }
            i = skipWhitespace(i + 1)
            guard i < p.count, let afterValue = body(key, i) else { return nil }
            i = skipWhitespace(afterValue)
            guard i < p.count else { return nil }
            if p[i] == UInt8(ascii: "}") { return i + 1 }
            guard p[i] == UInt8(ascii: ",") else { return nil }
            i = skipWhitespace(i + 1)
        }
    }

    /// Calls `body` with each element of the array whose `[` is at `from`.
    func forEachElement(ofArrayAt from: Int, _ body: (JSONToken) -> Void) -> Int? {
        guard from < p.count, p[from] == UInt8(ascii: "[") else { return nil }
        var i = skipWhitespace(from + 1)
        guard i < p.count else { return nil }
        if p[i] == UInt8(ascii: "]") { return i + 1 }
        while true {
            guard let (value, afterValue) = scanValue(at: i) else { return nil }
            body(value)
            i = skipWhitespace(afterValue)
            guard i < p.count else { return nil }
            if p[i] == UInt8(ascii: "]") { return i + 1 }
            guard p[i] == UInt8(ascii: ",") else { return nil }
            i = skipWhitespace(i + 1)
        }
    }

    /// Whether the raw key bytes of `token` equal `name` (keys with escapes are
    /// decoded first, so `"\u006dessage"` still matches `message`).
    func key(_ token: JSONToken, is name: StaticString) -> Bool {
        let count = name.utf8CodeUnitCount
        let w = name.utf8Start
        if !token.hasEscapes {
            guard token.end - token.start == count else { return false }
            for k in 0..<count where p[token.start + k] != w[k] { return false }
            return true
        }
        let decoded = decodeString(token)
        guard decoded.count == count else { return false }
        for k in 0..<count where decoded[k] != w[k] { return false }
        return true
    }

    /// The UTF-8 bytes a string token stands for, escapes resolved; lone
    /// surrogates become U+FFFD.
    func decodeString(_ token: JSONToken) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(token.end - token.start)
        var i = token.start
        while i < token.end {
            let b = p[i]
            guard b == UInt8(ascii: "\\") else {
                out.append(b)
                i += 1
                continue
            }
            let e = p[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var code = hex4(at: i)
                i += 4
                if code >= 0xD800, code <= 0xDBFF, i + 6 <= token.end,
                   p[i] == UInt8(ascii: "\\"), p[i + 1] == UInt8(ascii: "u") {
                    let low = hex4(at: i + 2)
                    if low >= 0xDC00, low <= 0xDFFF {
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    }
                }
                let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                out.append(contentsOf: UTF8.encode(scalar)!)
            default: out.append(e)
            }
        }
        return out
    }

    /// A string token's bytes, escapes resolved (a copy either way).
    func decodedBytes(_ token: JSONToken) -> [UInt8] {
        token.hasEscapes ? decodeString(token) : Array(bytes(token))
    }

    private func hex4(at i: Int) -> UInt32 {
        var value: UInt32 = 0
        for k in i..<(i + 4) { value = value << 4 | UInt32(JSONByteScanner.hexValue(p[k]) ?? 0) }
        return value
    }

    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }

    /// Display-safe text for a string token (escapes decoded first).
    func text(_ token: JSONToken) -> String {
        if token.hasEscapes {
            return decodeString(token).withUnsafeBufferPointer { DisplaySafeText.make(buffer: $0) }
        }
        return DisplaySafeText.make(buffer: UnsafeBufferPointer(rebasing: p[token.start..<token.end]))
    }

    /// The value as text where a string is expected: strings decoded, numbers and
    /// booleans as written, containers as compact JSON, null as nil.
    func looseText(_ token: JSONToken) -> String? {
        switch token.kind {
        case .string: return text(token)
        case .null: return nil
        case .object, .array: return compactText(from: token.start, to: token.end)
        default: return DisplaySafeText.make(buffer: UnsafeBufferPointer(rebasing: p[token.start..<token.end]))
        }
    }

    /// The bytes in `from..<to` with whitespace outside strings removed, made safe.
    func compactText(from: Int, to: Int) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(to - from)
        var inString = false
        var escaped = false
        for i in from..<to {
            let b = p[i]
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
                out.append(b)
            } else if b == UInt8(ascii: "\"") {
                inString = true
                out.append(b)
            } else if b != 0x20, b != 0x0A, b != 0x0D, b != 0x09 {
                out.append(b)
            }
        }
        return out.withUnsafeBufferPointer { DisplaySafeText.make(buffer: $0) }
    }

    /// The numeric value of a number token (or of a string holding a number).
    func number(_ token: JSONToken) -> Double? {
        switch token.kind {
        case .number, .string:
            guard !token.hasEscapes, token.end > token.start, token.end - token.start < 64 else { return nil }
            return Double(String(decoding: UnsafeBufferPointer(rebasing: p[token.start..<token.end]), as: UTF8.self))
        default:
            return nil
        }
    }

    func bytes(_ token: JSONToken) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: p[token.start..<token.end])
    }
}

/// Which containers are open, innermost last; no allocation for the first 64.
struct ContainerStack {
    private var bits: UInt64 = 0
    private var depth = 0
    private var spill: [Bool] = []

    var isEmpty: Bool { depth == 0 }

    var topIsArray: Bool {
        depth <= 64 ? bits & (1 << UInt64(depth - 1)) != 0 : spill[depth - 65]
    }

    mutating func push(isArray: Bool) {
        if depth < 64 {
            if isArray { bits |= 1 << UInt64(depth) } else { bits &= ~(1 << UInt64(depth)) }
        } else {
            spill.append(isArray)
        }
        depth += 1
    }

    mutating func pop() {
        depth -= 1
        if depth >= 64 { spill.removeLast() }
    }
}
