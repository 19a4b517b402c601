extension JSONValue {
    /// The deepest nesting `parse` accepts; deeper documents are rejected.
    ///
    /// Health bodies and config values are a few levels deep. The limit keeps the
    /// recursive builder's stack use small and fixed whatever the input.
    public static let maxParseDepth = 512

    /// Parses one strict JSON document (RFC 8259) from UTF-8 bytes.
    ///
    /// Whitespace may surround the value; anything else after it, a raw control
    /// character inside a string, nesting deeper than `maxParseDepth`, or any
    /// other syntax error gives nil. Never traps, whatever the bytes. Invalid
    /// UTF-8 inside strings is repaired to U+FFFD. Used for health bodies and
    /// config values, not on the per-line path (see `LineParser`).
    public static func parse(_ bytes: some Collection<UInt8>) -> JSONValue? {
        if let result = bytes.withContiguousStorageIfAvailable({ parse(buffer: $0) }) {
            return result
        }
        return Array(bytes).withUnsafeBufferPointer { parse(buffer: $0) }
    }

    /// Parses one strict JSON document from text.
    public static func parse(_ text: String) -> JSONValue? {
        var text = text
        return text.withUTF8 { parse(buffer: $0) }
    }

    static func parse(buffer: UnsafeBufferPointer<UInt8>) -> JSONValue? {
        guard buffer.count < JSONByteScanner.maxBufferBytes else { return nil }
        let scanner = JSONByteScanner(buffer)
        let start = scanner.skipWhitespace(0)
        guard let (token, end) = scanner.scanValue(at: start),
              scanner.skipWhitespace(end) == buffer.count,
              !nests(buffer, deeperThan: maxParseDepth)
        else { return nil }
        return build(token, scanner, depth: 0)
    }

    /// Whether containers nest deeper than `limit` anywhere (outside strings).
    ///
    /// One linear pass: the builder walks each container's elements with the
    /// scanner, which rescans nested values, so letting it discover the limit
    /// itself costs the limit times the size (seconds for a 200 KB `[[[[…`).
    static func nests(_ buffer: UnsafeBufferPointer<UInt8>, deeperThan limit: Int) -> Bool {
        var depth = 0
        var inString = false
        var escaped = false
        for byte in buffer {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > limit { return true }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
        return false
    }

    /// Builds a value the scanner already validated; depth-limited recursion.
    private static func build(_ token: JSONToken, _ scanner: JSONByteScanner, depth: Int) -> JSONValue? {
        switch token.kind {
        case .null: return .null
        case .true: return .bool(true)
        case .false: return .bool(false)
        case .number: return scanner.number(token).map(JSONValue.number)
        case .string:
            let raw = scanner.bytes(token)
            guard !raw.contains(where: { $0 < 0x20 }) else { return nil }
            if token.hasEscapes { return .string(String(decoding: scanner.decodeString(token), as: UTF8.self)) }
            return .string(String(decoding: raw, as: UTF8.self))
        case .array:
            guard depth < maxParseDepth else { return nil }
            var items: [JSONValue] = []
            var failed = false
            _ = scanner.forEachElement(ofArrayAt: token.start) { element in
                guard !failed else { return }
                if let value = build(element, scanner, depth: depth + 1) { items.append(value) } else { failed = true }
            }
            return failed ? nil : .array(items)
        case .object:
            guard depth < maxParseDepth else { return nil }
            var members: [(key: String, value: JSONValue)] = []
            var positions: [String: Int] = [:]
            var failed = false
            _ = scanner.forEachMember(ofObjectAt: token.start) { key, member in
                guard !failed else { return }
                guard case .string(let name)? = build(key, scanner, depth: depth + 1),
                      let value = build(member, scanner, depth: depth + 1)
                else {
                    failed = true
                    return
                }
                // A repeated key keeps its first place and its last value, as Python's json does.
                if let at = positions[name] {
                    members[at].value = value
                } else {
                    positions[name] = members.count
                    members.append((key: name, value: value))
                }
            }
            return failed ? nil : .object(members)
        }
    }
}
