/// Turns a log message into its template by masking the parts that vary.
///
/// Warnings of one kind differ only in the user, id, number or quoted value they
/// mention; masking those groups them so the dashboard can show "this warning,
/// 412 times" instead of 412 lines. Masks: quoted strings → `<str>`, Python/JSON
/// lists → `[<list>]`, tokens mixing letters and digits (user ids, unified and
/// legacy ids, UUIDs, hex) → `<id>`, numbers with their decimals and units
/// (`2.1s`, `650ms`, `#824`, dates) → `<n>`. Words without digits are kept, and so
/// is everything that is not ASCII. One pass over the bytes, no regex: it runs on
/// every warning line.
public enum MessageTemplate {
    public static func make(_ message: String) -> String {
        withTemplate(of: message) { String(decoding: $0, as: UTF8.self) }
    }

    /// `make`, with the sixteen-byte steps (`blocks`) or byte by byte only:
    /// the tests hold the two to the same templates.
    static func make(_ message: String, blocks: Bool) -> String {
        withTemplate(of: message, blocks: blocks) { String(decoding: $0, as: UTF8.self) }
    }

    /// Hands `body` the template's UTF-8 bytes, valid only during the call: a
    /// counter looks a known template up by them without building a String.
    public static func withTemplate<Result>(of message: String,
                                            _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        withTemplate(of: message, blocks: true, body)
    }

    private static func withTemplate<Result>(of message: String, blocks: Bool,
                                             _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        var text = message
        return text.withUTF8 { bytes in
            // A mask is at most four times what it replaces (`[]` → `[<list>]`),
            // so the template is written into one buffer of that size, on the
            // stack for a log line: growing an array byte by byte was most of
            // the cost of a warning's template.
            // (16 more: plain bytes are copied sixteen at a time, and the
            // block's bytes past them are written over.)
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4 * bytes.count + 24) { buffer in
                var out = Output(base: buffer.baseAddress!)
                TokenKind.table.withUnsafeBufferPointer { kinds in write(bytes, kinds: kinds, into: &out, blocks: blocks) }
                return body(UnsafeBufferPointer(start: buffer.baseAddress, count: out.count))
            }
        }
    }

    /// Where a template is written; the caller made room for all of it.
    private struct Output {
        let base: UnsafeMutablePointer<UInt8>
        var count = 0

        @inline(__always) mutating func append(_ byte: UInt8) {
            base[count] = byte
            count += 1
        }

        @inline(__always) mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let start = bytes.baseAddress else { return }
            (base + count).update(from: start, count: bytes.count)
            count += bytes.count
        }

        @inline(__always) mutating func append(_ mask: StaticString) {
            append(UnsafeBufferPointer(start: mask.utf8Start, count: mask.utf8CodeUnitCount))
        }
    }

    private static func write(_ bytes: UnsafeBufferPointer<UInt8>, kinds: UnsafeBufferPointer<UInt8>, into out: inout Output,
                              blocks: Bool) {
        var index = 0
        // Once a scan for a closing quote or bracket runs off the end, later
        // ones would too: skipping them keeps pathological lines linear.
        var quotesCanClose = true
        var apostrophesCanClose = true
        var listsCanClose = true
        /// Masks up to `end` when the opening byte at `index` was closed, or
        /// keeps that byte; whether it was closed.
        func mask(to end: Int?, with mask: StaticString) -> Bool {
            guard let end else {
                out.append(bytes[index])
                index += 1
                return false
            }
            out.append(mask)
            index = end + 1
            return true
        }
        while index < bytes.count {
            // Most of a message is words and spaces, copied as they are:
            // sixteen bytes at a time up to the next byte that may start a
            // mask (a digit, a quote, an apostrophe, `[`, `#`).
            if blocks, index + 16 <= bytes.count {
                let copied = copyPlainBytes(bytes, at: index, into: &out)
                index += copied
                if copied == 16 { continue }
            }
            let byte = bytes[index]
            if byte == quote, quotesCanClose {
                quotesCanClose = mask(to: closingQuote(bytes, opening: index), with: stringMask)
            } else if byte == apostrophe, apostrophesCanClose, index == 0 || !isAlphanumeric(bytes[index - 1]) {
                apostrophesCanClose = mask(to: closingQuote(bytes, opening: index), with: stringMask)
            } else if byte == openBracket, listsCanClose, opensList(bytes, at: index) {
                listsCanClose = mask(to: listEnd(bytes, opening: index), with: listMask)
            } else if byte == hash, index + 1 < bytes.count, isDigit(bytes[index + 1]),
                      index == 0 || kinds[Int(bytes[index - 1])] == 0 {
                let end = tokenEnd(bytes, from: index + 1, kinds: kinds)
                out.append(numberMask)
                index = end
            } else if kinds[Int(byte)] != 0 {
                // The token may have begun in the bytes copied as they were
                // (a word that holds a digit after its letters, or one the
                // block ended in): it is written again from its start.
                var start = index
                while start > 0, kinds[Int(bytes[start - 1])] != 0 { start -= 1 }
                out.count -= index - start
                index = writeToken(bytes, from: start, kinds: kinds, into: &out)
            } else {
                out.append(byte)
                index += 1
            }
        }
    }

    // MARK: - Tokens

    /// What the byte at `index` adds to the token begun at `start`: its kind
    /// bits, or 0 when the token ends before it. A token is letters, digits,
    /// `_`, `-`, and a `.` between two digits (so `0.99s` and `1.0.0` stay one
    /// token).
    @inline(__always)
    private static func tokenKind(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, from start: Int,
                                  kinds: UnsafeBufferPointer<UInt8>) -> UInt8 {
        let byte = bytes[index]
        let kind = kinds[Int(byte)]
        if kind != 0 { return kind }
        if byte == dot, index > start, isDigit(bytes[index - 1]), index + 1 < bytes.count, isDigit(bytes[index + 1]) {
            return TokenKind.notHex
        }
        return 0
    }

    /// The end of the token starting at `start`.
    private static func tokenEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, kinds: UnsafeBufferPointer<UInt8>) -> Int {
        var index = start
        while index < bytes.count, tokenKind(bytes, at: index, from: start, kinds: kinds) != 0 { index += 1 }
        return index
    }

    /// Writes the token starting at `start` (a token byte), masked when it
    /// holds a digit; returns the index after it.
    ///
    /// The bytes are copied as they are read and their kinds or-ed together,
    /// so a token is read once: a word without digits (most of them) is then
    /// already written, and a masked token is written over.
    private static func writeToken(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, kinds: UnsafeBufferPointer<UInt8>,
                                   into out: inout Output) -> Int {
        let written = out.count
        var seen: UInt8 = 0
        var index = start
        while index < bytes.count {
            let kind = tokenKind(bytes, at: index, from: start, kinds: kinds)
            guard kind != 0 else { break }
            seen |= kind
            out.append(bytes[index])
            index += 1
        }
        guard seen & TokenKind.digit != 0 else { return index }
        let token = UnsafeBufferPointer(rebasing: bytes[start..<index])
        out.count = written
        if seen & TokenKind.letter == 0 {
            out.append(numberMask)
        } else if seen & TokenKind.notHex == 0 && token.count >= 6 {
            out.append(idMask)
        } else if isNumberWithUnit(token) {
            out.append(numberMask)
        } else {
            out.append(idMask)
        }
        return index
    }

    /// Copies the 16 bytes at `index` to `out` and keeps as many of them as
    /// lead the block without a byte that may start a mask (a digit, `"`,
    /// `'`, `[`, `#`); returns how many it kept. `out` must have room for 16
    /// bytes.
    @inline(__always)
    private static func copyPlainBytes(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int,
                                       into out: inout Output) -> Int {
        typealias Bytes = SIMD16<UInt8>
        let block = UnsafeRawPointer(bytes.baseAddress!).loadUnaligned(fromByteOffset: index, as: Bytes.self)
        UnsafeMutableRawPointer(out.base + out.count).storeBytes(of: block, as: Bytes.self)
        var stops = block &- Bytes(repeating: UInt8(ascii: "0")) .< Bytes(repeating: 10)
        stops .|= block .== Bytes(repeating: quote)
        stops .|= block .== Bytes(repeating: apostrophe)
        stops .|= block .== Bytes(repeating: openBracket)
        stops .|= block .== Bytes(repeating: hash)
        let halves = unsafeBitCast(stops, to: SIMD2<UInt64>.self)
        let kept = halves[0] != 0 ? halves[0].trailingZeroBitCount / 8
            : halves[1] != 0 ? 8 + halves[1].trailingZeroBitCount / 8 : 16
        out.count += kept
        return kept
    }

    /// What a token byte tells about its token, one bit per property, for
    /// every byte value; zero for a byte that is not a token byte.
    private enum TokenKind {
        static let digit: UInt8 = 1
        static let letter: UInt8 = 2
        /// Not a hexadecimal digit: a letter past `f`, `_`, `-` (and a `.`
        /// between digits, which is not in the table).
        static let notHex: UInt8 = 4

        static let table: [UInt8] = (0...255).map { (value: Int) -> UInt8 in
            let byte = UInt8(value)
            if isDigit(byte) { return digit }
            if isLetter(byte) { return isHexLetter(byte) ? letter : letter | notHex }
            return byte == UInt8(ascii: "_") || byte == minus ? notHex : 0
        }
    }

    /// Digits (with decimal points) followed only by letters: `650ms`, `8.0s`.
    private static func isNumberWithUnit(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = token.startIndex
        guard index < token.endIndex, isDigit(token[index]) else { return false }
        while index < token.endIndex, isDigit(token[index]) || token[index] == dot { index += 1 }
        while index < token.endIndex {
            if !isLetter(token[index]) { return false }
            index += 1
        }
        return true
    }

    // MARK: - Quotes and lists

    /// The index of the quote closing the one at `opening`, or nil when none does.
    /// An apostrophe opens a string only after a non-word byte (checked by the
    /// caller) and closes one only before a non-word byte, so `can't` stays a word.
    private static func closingQuote(_ bytes: UnsafeBufferPointer<UInt8>, opening: Int) -> Int? {
        let mark = bytes[opening]
        let isApostrophe = mark == apostrophe
        var index = ByteSearch.firstOf(mark, backslash, in: bytes, from: opening + 1)
        while index < bytes.count {
            if bytes[index] == backslash {
                index = ByteSearch.firstOf(mark, backslash, in: bytes, from: index + 2)
                continue
            }
            if !isApostrophe || index + 1 == bytes.count || !isAlphanumeric(bytes[index + 1]) {
                return index
            }
            index = ByteSearch.firstOf(mark, backslash, in: bytes, from: index + 1)
        }
        return nil
    }

    /// Whether the `[` at `opening` starts a Python/JSON list: its first item is a
    /// string, a number, a list or an object, or it is empty. `[U+1F4A5]` and
    /// `[RACE CONDITION ...` are not lists.
    private static func opensList(_ bytes: UnsafeBufferPointer<UInt8>, at opening: Int) -> Bool {
        var first = opening + 1
        while first < bytes.count, bytes[first] == space { first += 1 }
        guard first < bytes.count else { return false }
        let lead = bytes[first]
        return lead == quote || lead == apostrophe || isDigit(lead) || lead == minus
            || lead == openBracket || lead == closeBracket || lead == openBrace
    }

    /// The index of the `]` closing the list opened at `opening`, or nil.
    private static func listEnd(_ bytes: UnsafeBufferPointer<UInt8>, opening: Int) -> Int? {
        var depth = 0
        var index = opening
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case quote, apostrophe:
                guard let end = closingInList(bytes, opening: index) else { return nil }
                index = end
            case openBracket, openBrace:
                depth += 1
            case closeBracket, closeBrace:
                depth -= 1
                if depth == 0 { return index }
            default:
                break
            }
            index += 1
        }
        return nil
    }

    /// Inside a list any quote opens a string, closed by the same quote.
    private static func closingInList(_ bytes: UnsafeBufferPointer<UInt8>, opening: Int) -> Int? {
        let mark = bytes[opening]
        var index = ByteSearch.firstOf(mark, backslash, in: bytes, from: opening + 1)
        while index < bytes.count {
            if bytes[index] == mark { return index }
            index = ByteSearch.firstOf(mark, backslash, in: bytes, from: index + 2)
        }
        return nil
    }

    // MARK: - Bytes

    private static let stringMask: StaticString = "<str>"
    private static let listMask: StaticString = "[<list>]"
    private static let idMask: StaticString = "<id>"
    private static let numberMask: StaticString = "<n>"

    private static let quote = UInt8(ascii: "\"")
    private static let apostrophe = UInt8(ascii: "'")
    private static let backslash = UInt8(ascii: "\\")
    private static let openBracket = UInt8(ascii: "[")
    private static let closeBracket = UInt8(ascii: "]")
    private static let openBrace = UInt8(ascii: "{")
    private static let closeBrace = UInt8(ascii: "}")
    private static let hash = UInt8(ascii: "#")
    private static let dot = UInt8(ascii: ".")
    private static let minus = UInt8(ascii: "-")
    private static let space = UInt8(ascii: " ")

    private static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }
    private static func isHexLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 6 }
    private static func isAlphanumeric(_ byte: UInt8) -> Bool { isDigit(byte) || isLetter(byte) }
}
