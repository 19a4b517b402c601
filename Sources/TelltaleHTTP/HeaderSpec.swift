import Foundation

/// A request header as the user wrote it, before secrets are filled in.
///
/// Health endpoints and log streams usually need a bearer token. Users write
/// `Authorization: Bearer ${TOKEN}` or `Authorization: @/run/secrets/token` so the secret never
/// appears on a command line or in a config file; the spec keeps the reference, and the value
/// is only materialised by `resolve` right before a request. `description` is safe to print.
public struct HeaderSpec: Sendable, Equatable, CustomStringConvertible {
    /// Where the header's value comes from.
    enum ValueSource: Sendable, Equatable {
        /// Literal text with `${VAR}` references between the pieces.
        case template([TemplatePiece])
        /// The trimmed content of a file.
        case file(String)
    }

    /// One piece of a templated value.
    enum TemplatePiece: Sendable, Equatable {
        case literal(String)
        case variable(String)
    }

    /// The header name, as written.
    public let name: String
    let source: ValueSource

    /// Parses `'Name: value'`, where the value may hold `${VAR}` references or be `@/path`.
    ///
    /// - Throws: `HeaderSpecError.malformed` for a missing colon, an invalid name, or a broken
    ///   `${...}` reference.
    public init(parsing text: String) throws {
        guard let colon = text.firstIndex(of: ":") else {
            throw HeaderSpecError.malformed("expected 'Name: value', found no colon")
        }
        let name = text[..<colon].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.unicodeScalars.allSatisfy(Self.isTokenCharacter) else {
            throw HeaderSpecError.malformed("'\(name)' is not a valid header name")
        }
        let value = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        self.name = name
        if value.hasPrefix("@") {
            let path = String(value.dropFirst())
            guard !path.isEmpty else {
                throw HeaderSpecError.malformed("header \(name): '@' needs a file path")
            }
            source = .file(path)
        } else {
            source = .template(try Self.parseTemplate(value, header: name))
        }
    }

    /// The name with the value, or `<redacted>` when any of it comes from a variable or file.
    public var description: String {
        switch source {
        case .file:
            return "\(name): <redacted>"
        case .template(let pieces):
            var literal = ""
            for piece in pieces {
                switch piece {
                case .literal(let text): literal += text
                case .variable: return "\(name): <redacted>"
                }
            }
            return "\(name): \(literal)"
        }
    }

    /// Fills in variables and file content.
    ///
    /// - Parameters:
    ///   - environment: Variables for `${VAR}` references.
    ///   - readFile: Reads a whole file for `@/path` values; injected so tests need no files.
    /// - Returns: The header name and its resolved value. Never log the value.
    /// - Throws: `HeaderSpecError` naming the unset variable or unreadable file.
    public func resolve(
        environment: [String: String], readFile: (String) throws -> String
    ) throws -> (name: String, value: String) {
        let value: String
        switch source {
        case .file(let path):
            do {
                value = try readFile(path).trimmingCharacters(in: .whitespacesAndNewlines)
            } catch {
                throw HeaderSpecError.unreadableFile(
                    header: name, path: path, reason: String(describing: error))
            }
        case .template(let pieces):
            var text = ""
            for piece in pieces {
                switch piece {
                case .literal(let literal):
                    text += literal
                case .variable(let variable):
                    guard let expansion = environment[variable] else {
                        throw HeaderSpecError.unsetVariable(header: name, variable: variable)
                    }
                    text += expansion
                }
            }
            value = text
        }
        // A newline in a token would inject a second header (or end the head early);
        // AsyncHTTPClient rejects it too, but its error text would quote the secret.
        if value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) {
            throw HeaderSpecError.invalidValue(header: name)
        }
        return (name, value)
    }

    // MARK: - Parsing

    private static func parseTemplate(_ value: String, header: String) throws -> [TemplatePiece] {
        var pieces: [TemplatePiece] = []
        var literal = ""
        var rest = Substring(value)
        while let dollar = rest.firstIndex(of: "$") {
            let afterDollar = rest.index(after: dollar)
            guard afterDollar < rest.endIndex, rest[afterDollar] == "{" else {
                // A lone `$` is ordinary text (it occurs in real tokens).
                literal += rest[...dollar]
                rest = rest[afterDollar...]
                continue
            }
            literal += rest[..<dollar]
            let nameStart = rest.index(after: afterDollar)
            guard let close = rest[nameStart...].firstIndex(of: "}") else {
                throw HeaderSpecError.malformed("header \(header): unclosed '${'")
            }
            let variable = String(rest[nameStart..<close])
            guard isVariableName(variable) else {
                throw HeaderSpecError.malformed(
                    "header \(header): '${\(variable)}' is not a valid variable reference")
            }
            if !literal.isEmpty {
                pieces.append(.literal(literal))
                literal = ""
            }
            pieces.append(.variable(variable))
            rest = rest[rest.index(after: close)...]
        }
        literal += rest
        if !literal.isEmpty || pieces.isEmpty {
            pieces.append(.literal(literal))
        }
        return pieces
    }

    private static func isVariableName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first,
            first == "_" || (first.isASCII && first.properties.isAlphabetic)
        else { return false }
        return text.unicodeScalars.allSatisfy {
            $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)))
        }
    }

    /// RFC 9110 token characters, the only ones allowed in a header name.
    private static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return false }
        if ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) {
            return true
        }
        return "!#$%&'*+-.^_`|~".unicodeScalars.contains(scalar)
    }
}
