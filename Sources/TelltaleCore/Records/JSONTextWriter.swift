/// Writes `JSONValue`s as JSON text, compact or indented, into one byte buffer.
///
/// A check's report is written once, at the end, while nothing else runs:
/// over a million lines it is some 200 KB of template and user rows, and
/// building it string by string (an indentation string, a quoted copy and a
/// number's text for every value) took 6 ms, about 1% of the whole check.
/// Here every piece is appended to the buffer in place; the reports of the
/// benchmark's corpora came out the same byte for byte. The layout is pinned
/// by `JSONTextWriterTests`.
struct JSONTextWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// The text written so far.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// `value` on one line, without spaces.
    mutating func writeCompact(_ value: JSONValue) {
        switch value {
        case .array(let items):
            bytes.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                writeCompact(item)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            for (i, member) in members.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                writeString(member.key)
                bytes.append(UInt8(ascii: ":"))
                writeCompact(member.value)
            }
            bytes.append(UInt8(ascii: "}"))
        default:
            writeScalar(value)
        }
    }

    /// `value` indented by two spaces a level, `indent` levels in (the first
    /// line's own indentation is the caller's).
    mutating func writePretty(_ value: JSONValue, indent: Int = 0) {
        switch value {
        case .array(let items) where !items.isEmpty:
            bytes.append(contentsOf: "[\n".utf8)
            for (i, item) in items.enumerated() {
                pad(indent + 1)
                writePretty(item, indent: indent + 1)
                endLine(last: i == items.count - 1)
            }
            pad(indent)
            bytes.append(UInt8(ascii: "]"))
        case .object(let members) where !members.isEmpty:
            bytes.append(contentsOf: "{\n".utf8)
            for (i, member) in members.enumerated() {
                pad(indent + 1)
                writeString(member.key)
                bytes.append(contentsOf: ": ".utf8)
                writePretty(member.value, indent: indent + 1)
                endLine(last: i == members.count - 1)
            }
            pad(indent)
            bytes.append(UInt8(ascii: "}"))
        default:
            writeCompact(value)
        }
    }

    /// A JSON string literal: quotes, and the escapes JSON requires (control
    /// bytes and DEL as `\u00xx` unless they have a short form).
    mutating func writeString(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        var copy = string
        copy.withUTF8 { utf8 in
            // Most strings need no escape: appended whole.
            guard utf8.contains(where: Self.needsEscape) else {
                bytes.append(contentsOf: utf8)
                return
            }
            // Every byte of a multi-byte character is 0x80 or above: bytes
            // escape one at a time exactly as the scalars they belong to would.
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: #"\""#.utf8)
                case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
                case UInt8(ascii: "\n"): bytes.append(contentsOf: #"\n"#.utf8)
                case UInt8(ascii: "\r"): bytes.append(contentsOf: #"\r"#.utf8)
                case UInt8(ascii: "\t"): bytes.append(contentsOf: #"\t"#.utf8)
                case _ where byte < 0x20 || byte == 0x7F:
                    bytes.append(contentsOf: #"\u00"#.utf8)
                    bytes.append(Self.hexDigit(byte >> 4))
                    bytes.append(Self.hexDigit(byte & 0x0F))
                default:
                    bytes.append(byte)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Whether `byte` cannot stand for itself in a JSON string.
    static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0x7F
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    /// A number: whole numbers below 10^15 without a fraction, others as Swift writes a `Double`.
    mutating func writeNumber(_ number: Double) {
        // An integer's text is a small string (no allocation) appended whole.
        let text = number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        bytes.append(contentsOf: text.utf8)
    }

    private mutating func writeScalar(_ value: JSONValue) {
        switch value {
        case .null: bytes.append(contentsOf: "null".utf8)
        case .bool(let flag): bytes.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number): writeNumber(number)
        case .string(let string): writeString(string)
        case .array, .object: writeCompact(value)
        }
    }

    private mutating func pad(_ levels: Int) {
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * levels))
    }

    private mutating func endLine(last: Bool) {
        if !last { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\n"))
    }
}
