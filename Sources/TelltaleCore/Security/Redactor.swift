/// Replaces credentials inside log text with `[REDACTED]` before anything shows,
/// reports, records or classifies it.
///
/// It runs on every record (`redact(_: LogRecord)`), every health result
/// (`redact(_: HealthResult)`) and, through `LineRedactor`, every line a
/// recording stores (`redact(lineBytes:)`).
///
/// People run telltale while something is on fire and paste its reports into
/// tickets, so a token a backend logged by mistake must not travel further. The
/// built-in patterns are found by one scan, sixteen bytes at a time, for a rare
/// anchor letter of their trigger words with its neighbours (`authorization`,
/// `bearer`, `eyJ`, `password`, `passwd`, `token`, `secret`, `api_key`,
/// `apikey`, `api-key`): a message without a trigger is returned as it is,
/// without a copy. The user's own patterns (the
/// config's `redact:` list) run after them as regular expressions.
///
/// Built-in patterns (the key words match in any case; the key may end a longer
/// name, so `access_token=` and `client_secret=` are covered):
/// - `KEY=value`, `"KEY": "value"`, `'KEY': 'value'`: the value (quoted values to
///   their closing quote, unquoted ones to a space, `&`, `,`, `;` or a bracket);
/// - `Authorization: scheme credentials` (or `=`, or quoted): the whole value;
/// - `Bearer token`: the token, unless it is a plain lowercase word ("bearer of");
/// - a JWT (`eyJ…`.`eyJ…`.`…`): all three parts.
public struct Redactor: Sendable {
    /// What a secret is replaced with.
    public static let marker = "[REDACTED]"

    /// The user's patterns, applied after the built-in ones.
    public let extraPatterns: [RedactionPattern]

    public init(extraPatterns: [RedactionPattern] = []) {
        self.extraPatterns = extraPatterns
    }

    /// `record` with its message and request URL redacted.
    public func redact(_ record: consuming LogRecord) -> LogRecord {
        redact(in: &record)
        return record
    }

    /// Redacts `record` where it is. The hot path's form: reassigning a
    /// record with the result of `redact(_:)` compiled to a copy of it (a
    /// retain of each of its strings) and the release of the old one.
    public func redact(in record: inout LogRecord) {
        record.message = redact(record.message)
        if let request = record.httpRequest {
            record.httpRequest?.url = redact(request.url)
        }
    }

    /// `text` with every secret replaced by `Redactor.marker`.
    public func redact(_ text: String) -> String {
        var text = text
        let rewritten = text.withUTF8 { bytes -> [UInt8]? in
            Self.redactBuiltIn(bytes)
        }
        if let rewritten { text = String(decoding: rewritten, as: UTF8.self) }
        for pattern in extraPatterns { text = pattern.redact(text) }
        return text
    }

    /// Whether `redact` would return this text (given as UTF-8 bytes) as it
    /// is: it holds no secret the built-in scan finds, and there are no user
    /// patterns (those only run on decoded text).
    public func leavesUnchanged(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        extraPatterns.isEmpty && Self.redactBuiltIn(bytes) == nil
    }

    /// `bytes` (one line, no newline) with every secret replaced, as bytes.
    ///
    /// For text that is stored rather than shown (a recording): bytes that are
    /// not valid UTF-8 stay as they are unless a user pattern rewrites the line,
    /// since those patterns only run on decoded text.
    public func redact(lineBytes bytes: ArraySlice<UInt8>) -> [UInt8] {
        var line = bytes.withUnsafeBufferPointer { Self.redactBuiltIn($0) } ?? Array(bytes)
        guard !extraPatterns.isEmpty else { return line }
        let decoded = String(decoding: line, as: UTF8.self)
        var text = decoded
        for pattern in extraPatterns { text = pattern.redact(text) }
        if text != decoded { line = Array(text.utf8) }
        return line
    }

    /// `result` with secrets hidden in its body and in the text of its error.
    ///
    /// A failing backend often answers with a stack trace or its own
    /// configuration (`password=…` in a connection string), and that body
    /// becomes the endpoint's reason on the screen, in the report's evidence
    /// and in a recording. The endpoint name is left alone: it keys the
    /// endpoint's policy and comes from the user, not from the backend.
    public func redact(_ result: HealthResult) -> HealthResult {
        var result = result
        result.body = redact(result.body)
        switch result.error {
        case .tls(let why): result.error = .tls(redact(why))
        case .other(let why): result.error = .other(redact(why))
        default: break
        }
        return result
    }

    /// Whether no built-in secret can begin before `end` in `bytes`: no
    /// trigger word starts there. Every secret the built-in scan replaces
    /// starts at or after its trigger word, so the bytes before `end` are
    /// then left as they are. Looks at the bytes up to `end` and the length
    /// of a trigger word past it, not at the whole text.
    public static func findsNoSecret(before end: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // A word starting just before `end` is spelled out within this many
        // bytes past it (`authorization` is the longest).
        let longestTrigger = 16
        let scanned = UnsafeBufferPointer(rebasing: bytes[0..<min(bytes.count, end + longestTrigger)])
        // Stops at the first word before `end`; none collected (a word
        // after `end`, "tokens: 12" past a session id, cost an array).
        var none = true
        visitCandidateStarts(scanned) { start in
            if start < end { none = false }
            return none
        }
        return none
    }

    // MARK: - The byte scan

    static let markerBytes = Array(marker.utf8)

    private static let keyWords: [[UInt8]] = ["password", "passwd", "token", "secret", "api_key", "apikey", "api-key"].map { Array($0.utf8) }
    private static let authorization = Array("authorization".utf8)
    private static let bearer = Array("bearer".utf8)

    /// The rewritten bytes, or nil when `p` holds no secret.
    static func redactBuiltIn(_ p: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        // Every trigger word holds a rarer anchor byte near its start (J z b w
        // k c), and the bytes before the anchor spell the word's beginning. The
        // places where a word can start are found from the anchors; only those
        // are tried, in order, exactly as a walk over every byte would: most
        // messages have none, while the words' first letters fill every sentence.
        let starts = candidateStarts(p)
        guard !starts.isEmpty else { return nil }
        var out: [UInt8]?
        var copied = 0
        var i = 0
        for start in starts where start >= i {
            guard let secret = secret(in: p, at: start) else { continue }
            // Text that was redacted before (a report quoted in a log) stays as it is.
            if isMarker(p, at: secret.lowerBound) {
                i = secret.lowerBound + markerBytes.count
                continue
            }
            if out == nil { out = []; out!.reserveCapacity(p.count) }
            out!.append(contentsOf: UnsafeBufferPointer(rebasing: p[copied..<secret.lowerBound]))
            out!.append(contentsOf: markerBytes)
            copied = secret.upperBound
            i = max(secret.upperBound, start + 1)
        }
        guard var out else { return nil }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: p[copied..<p.count]))
        return out
    }

    /// Where a trigger word may start, in increasing order: for each anchor
    /// byte whose neighbours begin a trigger word, that word's start.
    static func candidateStarts(_ p: UnsafeBufferPointer<UInt8>) -> [Int] {
        var starts: [Int] = []
        var sorted = true
        visitCandidateStarts(p) { start in
            if let last = starts.last, start <= last {
                if start == last { return true }
                sorted = false
            }
            starts.append(start)
            return true
        }
        if !sorted { starts = Array(Set(starts)).sorted() }
        return starts
    }

    /// Calls `visit` with the start of each word `candidateStarts` finds, in
    /// the order of their anchors (a later anchor's word may start before an
    /// earlier one's, and one word may come twice), until `visit` returns false.
    @inline(__always)
    private static func visitCandidateStarts(_ p: UnsafeBufferPointer<UInt8>, _ visit: (Int) -> Bool) {
        guard let base = p.baseAddress, !p.isEmpty else { return }
        let count = p.count
        var going = true
        func consider(_ a: Int) {
            guard going, let start = wordStart(p, anchor: a, base[a]), spellsTrigger(p, at: start) else { return }
            going = visit(start)
        }
        // One bit per lane of the block at `at` that may anchor a word; each is looked at.
        func considerLanes(_ lanes: (low: UInt64, high: UInt64), at: Int) {
            var (low, high) = lanes
            while low != 0 {
                consider(at + low.trailingZeroBitCount / 8)
                low &= low &- 1
            }
            while high != 0 {
                consider(at + 8 + high.trailingZeroBitCount / 8)
                high &= high &- 1
            }
        }
        // The blocks look one byte back, so the first byte is looked at alone.
        consider(0)
        var a = 1
        while going, a + 18 <= count {
            considerLanes(anchorLanes(p, at: a), at: a)
            a += 16
        }
        guard going else { return }
        // The positions left but the last two, in one block that overlaps
        // the one before, its lanes already looked at masked off: a byte at
        // a time, the tail of every message cost as much as its blocks.
        if a + 2 < count, count >= 19 {
            let last = count - 18
            var (low, high) = anchorLanes(p, at: last)
            let seen = a - last
            if seen >= 8 {
                low = 0
                high &= seen >= 16 ? 0 : ~0 << UInt64((seen - 8) * 8)
            } else {
                low &= ~0 << UInt64(seen * 8)
            }
            considerLanes((low, high), at: last)
            a = count - 2
        }
        while a < count {
            consider(a)
            a += 1
        }
    }

    /// The lanes of the 16 bytes at `a` (`a >= 1`, 18 bytes left) that may
    /// anchor a trigger word, as one bit at the bottom of each lane's byte
    /// of two integers (lane 0 is the low byte of the first).
    ///
    /// Each anchor is paired with the neighbours that every trigger word it
    /// anchors has (letters in either case): `iz` (authorization), `ke`
    /// (token, apikey, api_key), `yJ` (a JWT), `bea` (bearer), `sw`
    /// (password, passwd), `ecr` (secret). A position without them can start
    /// no secret, so leaving it out changes nothing, while ordinary words
    /// (`ok`, `Heartbeat`, `cache`) no longer stop the scan: a message is
    /// mostly blocks with no lane at all.
    @inline(__always)
    private static func anchorLanes(_ p: UnsafeBufferPointer<UInt8>, at a: Int) -> (UInt64, UInt64) {
        typealias Bytes = SIMD16<UInt8>
        typealias Mask = SIMDMask<Bytes.MaskStorage>
        let raw = UnsafeRawPointer(p.baseAddress!)
        let fold = Bytes(repeating: 0x20)
        func letter(_ byte: Unicode.Scalar) -> Bytes { Bytes(repeating: UInt8(byte.value)) }
        let before = raw.loadUnaligned(fromByteOffset: a - 1, as: Bytes.self) | fold
        let bytes = raw.loadUnaligned(fromByteOffset: a, as: Bytes.self)
        let after = raw.loadUnaligned(fromByteOffset: a + 1, as: Bytes.self) | fold
        let twoAfter = raw.loadUnaligned(fromByteOffset: a + 2, as: Bytes.self) | fold
        let folded = bytes | fold
        // One comparison per statement: a long mask expression defeats the type checker.
        let z: Mask = folded .== letter("z")
        var hits: Mask = z .& (before .== letter("i"))
        let k: Mask = folded .== letter("k")
        hits .|= k .& (after .== letter("e"))
        let j: Mask = bytes .== letter("J")
        hits .|= j .& (before .== letter("y"))
        let b: Mask = (folded .== letter("b")) .& (after .== letter("e"))
        hits .|= b .& (twoAfter .== letter("a"))
        let w: Mask = folded .== letter("w")
        hits .|= w .& (before .== letter("s"))
        let c: Mask = (folded .== letter("c")) .& (before .== letter("e"))
        hits .|= c .& (after .== letter("r"))
        // Most blocks have no lane: tested as one 128-bit integer, that is a
        // `pmovmskb` and a branch, before the lanes are taken apart.
        if unsafeBitCast(hits, to: UInt128.self) == 0 { return (0, 0) }
        // A hit lane is a byte of ones; keep one bit of it.
        let halves = unsafeBitCast(hits, to: SIMD2<UInt64>.self)
        let lowBits: UInt64 = 0x0101_0101_0101_0101
        return (halves[0] & lowBits, halves[1] & lowBits)
    }

    /// The start of the trigger word whose anchor byte is at `a`, if the bytes
    /// around it begin one.
    @inline(__always)
    private static func wordStart(_ p: UnsafeBufferPointer<UInt8>, anchor a: Int, _ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "J"):
            guard a >= 2, p[a - 2] == UInt8(ascii: "e"), p[a - 1] == UInt8(ascii: "y") else { return nil }
            return a - 2
        case UInt8(ascii: "z"), UInt8(ascii: "Z"):
            return follows(p, a, "authori") ? a - 7 : nil
        case UInt8(ascii: "b"), UInt8(ascii: "B"):
            guard a + 1 < p.count, p[a + 1] | 0x20 == UInt8(ascii: "e") else { return nil }
            return a
        case UInt8(ascii: "w"), UInt8(ascii: "W"):
            return follows(p, a, "pass") ? a - 4 : nil
        case UInt8(ascii: "k"), UInt8(ascii: "K"):
            if follows(p, a, "to") { return a - 2 }
            if follows(p, a, "api") { return a - 3 }
            if a >= 1, p[a - 1] == UInt8(ascii: "_") || p[a - 1] == UInt8(ascii: "-"), follows(p, a - 1, "api") { return a - 4 }
            return nil
        case UInt8(ascii: "c"), UInt8(ascii: "C"):
            return follows(p, a, "se") ? a - 2 : nil
        default:
            return nil
        }
    }

    /// Whether the bytes just before `a` spell `word`, ignoring case.
    @inline(__always)
    private static func follows(_ p: UnsafeBufferPointer<UInt8>, _ a: Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard a >= count else { return false }
        let w = word.utf8Start
        for k in 0..<count where p[a - count + k] | 0x20 != w[k] { return false }
        return true
    }

    /// Whether a whole trigger word starts at `i`: what `secret(in:at:)`
    /// asks first. The anchor lanes only look at a word's neighbourhood
    /// (`bea` is in every "Heartbeat"), and a start kept costs an array.
    private static func spellsTrigger(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        switch p[i] | 0x20 {
        case UInt8(ascii: "e"):
            return p[i] == UInt8(ascii: "e") && i + 3 <= p.count && p[i + 1] == UInt8(ascii: "y") && p[i + 2] == UInt8(ascii: "J")
        case UInt8(ascii: "a"):
            if wordEnd(p, at: i, authorization) != nil { return true }
        case UInt8(ascii: "b"):
            return wordEnd(p, at: i, bearer) != nil
        default:
            break
        }
        return keyWords.contains { $0[0] == p[i] | 0x20 && wordEnd(p, at: i, $0) != nil }
    }

    /// The byte range of the secret introduced by a trigger word at `i`, if any.
    private static func secret(in p: UnsafeBufferPointer<UInt8>, at i: Int) -> Range<Int>? {
        switch p[i] | 0x20 {
        case UInt8(ascii: "e"):
            guard p[i] == UInt8(ascii: "e"), i + 3 <= p.count, p[i + 1] == UInt8(ascii: "y"), p[i + 2] == UInt8(ascii: "J") else { return nil }
            return jwt(in: p, at: i)
        case UInt8(ascii: "a"):
            if let end = wordEnd(p, at: i, authorization) { return headerValue(in: p, afterKey: end) }
        case UInt8(ascii: "b"):
            if let end = wordEnd(p, at: i, bearer), i == 0 || !isLetter(p[i - 1]) {
                return bearerToken(in: p, afterWord: end)
            }
            return nil
        default:
            break
        }
        for word in keyWords where word[0] == p[i] | 0x20 {
            if let end = wordEnd(p, at: i, word) { return keyValue(in: p, afterKey: end) }
        }
        return nil
    }

    private static func isMarker(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        guard i + markerBytes.count <= p.count else { return false }
        for k in 0..<markerBytes.count where p[i + k] != markerBytes[k] { return false }
        return true
    }

    /// `eyJx.eyJy.z` (base64url parts): the whole token.
    private static func jwt(in p: UnsafeBufferPointer<UInt8>, at i: Int) -> Range<Int>? {
        if i > 0, isBase64URL(p[i - 1]) { return nil }
        var j = skip(p, from: i, while: isBase64URL)
        guard j < p.count, p[j] == UInt8(ascii: "."), j + 4 <= p.count,
              p[j + 1] == UInt8(ascii: "e"), p[j + 2] == UInt8(ascii: "y"), p[j + 3] == UInt8(ascii: "J") else { return nil }
        j = skip(p, from: j + 1, while: isBase64URL)
        guard j < p.count, p[j] == UInt8(ascii: ".") else { return nil }
        j = skip(p, from: j + 1, while: isBase64URL)
        return i..<j
    }

    /// After `Authorization`: an optional closing quote, `:` or `=`, then the
    /// value (quoted: to its quote; else the scheme and the credentials after it).
    private static func headerValue(in p: UnsafeBufferPointer<UInt8>, afterKey end: Int) -> Range<Int>? {
        var j = end
        if j < p.count, isQuote(p[j]) { j += 1 }
        j = skip(p, from: j, while: isSpace)
        guard j < p.count, p[j] == UInt8(ascii: ":") || p[j] == UInt8(ascii: "=") else { return nil }
        j = skip(p, from: j + 1, while: isSpace)
        if let quoted = quotedValue(in: p, at: j) { return quoted }
        let first = skip(p, from: j, while: { !isSpace($0) && !isValueEnd($0) })
        guard first > j else { return nil }
        let gap = skip(p, from: first, while: isSpace)
        guard gap > first, gap < p.count else { return j..<first }
        let second = skip(p, from: gap, while: { !isSpace($0) && !isValueEnd($0) })
        return second > gap ? j..<second : j..<first
    }

    /// After `Bearer`: spaces, then the token, unless it is a lowercase word.
    private static func bearerToken(in p: UnsafeBufferPointer<UInt8>, afterWord end: Int) -> Range<Int>? {
        let start = skip(p, from: end, while: isSpace)
        guard start > end else { return nil }
        let stop = skip(p, from: start, while: isTokenByte)
        guard stop > start else { return nil }
        for k in start..<stop where !(p[k] >= UInt8(ascii: "a") && p[k] <= UInt8(ascii: "z")) {
            return start..<stop
        }
        return nil
    }

    /// After a key word: `=value`, or `":"value"` when the key was quoted.
    private static func keyValue(in p: UnsafeBufferPointer<UInt8>, afterKey end: Int) -> Range<Int>? {
        var j = end
        var quotedKey = false
        if j < p.count, isQuote(p[j]) {
            quotedKey = true
            j += 1
        }
        j = skip(p, from: j, while: isSpace)
        guard j < p.count else { return nil }
        if p[j] == UInt8(ascii: "=") || (quotedKey && p[j] == UInt8(ascii: ":")) {
            j += 1
        } else {
            return nil
        }
        j = skip(p, from: j, while: isSpace)
        if let quoted = quotedValue(in: p, at: j) { return quoted }
        let stop = skip(p, from: j, while: { !isSpace($0) && !isValueEnd($0) })
        return stop > j ? j..<stop : nil
    }

    /// The inside of a quoted value starting at `j` (to the unescaped closing
    /// quote, or to the end when it never closes); nil when `j` is no quote or
    /// the quotes are empty.
    private static func quotedValue(in p: UnsafeBufferPointer<UInt8>, at j: Int) -> Range<Int>? {
        guard j < p.count, isQuote(p[j]) else { return nil }
        let quote = p[j]
        var k = j + 1
        while k < p.count, p[k] != quote {
            k += p[k] == UInt8(ascii: "\\") ? 2 : 1
        }
        let stop = min(k, p.count)
        return stop > j + 1 ? (j + 1)..<stop : nil
    }

    /// The end of `word` (ASCII, lowercase) at `i` compared without case, or nil.
    private static func wordEnd(_ p: UnsafeBufferPointer<UInt8>, at i: Int, _ word: [UInt8]) -> Int? {
        guard i + word.count <= p.count else { return nil }
        for k in 0..<word.count {
            let b = p[i + k]
            let folded = b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b | 0x20 : b
            if folded != word[k] { return nil }
        }
        return i + word.count
    }

    private static func skip(_ p: UnsafeBufferPointer<UInt8>, from i: Int, while accept: (UInt8) -> Bool) -> Int {
        var j = i
        while j < p.count, accept(p[j]) { j += 1 }
        return j
    }

    private static func isLetter(_ b: UInt8) -> Bool {
        (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z")
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    private static func isBase64URL(_ b: UInt8) -> Bool {
        isLetter(b) || isDigit(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
    }

    /// RFC 6750's token68 alphabet.
    private static func isTokenByte(_ b: UInt8) -> Bool {
        isBase64URL(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "~") || b == UInt8(ascii: "+")
            || b == UInt8(ascii: "/") || b == UInt8(ascii: "=")
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    private static func isQuote(_ b: UInt8) -> Bool { b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") }

    /// Bytes that end an unquoted value: separators of query strings, lists and
    /// the brackets of a Python or JSON structure around it.
    private static func isValueEnd(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "&"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ")"), UInt8(ascii: "]"),
             UInt8(ascii: "}"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: ">"):
            return true
        default:
            return false
        }
    }
}
