import Testing
import TelltaleHTTP

@Suite("HeaderSpec")
struct HeaderSpecTests {
    struct MissingFile: Error {}

    @Test(
        "parses, resolves and describes",
        arguments: [
            ("Accept: application/json", "Accept", "application/json", "Accept: application/json"),
            ("Authorization: Bearer ${TOKEN}", "Authorization", "Bearer abc123", "Authorization: <redacted>"),
            ("X-Key:${TOKEN}", "X-Key", "abc123", "X-Key: <redacted>"),
            ("X-Both: ${USER_NAME}:${TOKEN}", "X-Both", "ops:abc123", "X-Both: <redacted>"),
            ("X-Price: $5 and $ {x}", "X-Price", "$5 and $ {x}", "X-Price: $5 and $ {x}"),
            ("Authorization: @/run/secrets/token", "Authorization", "file-token", "Authorization: <redacted>"),
            ("  X-Empty :   ", "X-Empty", "", "X-Empty: "),
        ])
    func resolves(text: String, name: String, value: String, description: String) throws {
        let spec = try HeaderSpec(parsing: text)
        let resolved = try spec.resolve(
            environment: ["TOKEN": "abc123", "USER_NAME": "ops"],
            readFile: { path in
                guard path == "/run/secrets/token" else { throw MissingFile() }
                return "  file-token\n"
            })
        #expect(resolved.name == name)
        #expect(resolved.value == value)
        #expect(spec.description == description)
        #expect(!spec.description.contains("abc123"))
    }

    @Test(
        "rejects malformed text",
        arguments: ["no colon here", ": value", "Bad Name: x", "X: ${UNCLOSED", "X: ${1BAD}", "X: ${}", "X: @"])
    func rejectsMalformed(text: String) {
        #expect(throws: HeaderSpecError.self) { try HeaderSpec(parsing: text) }
    }

    @Test("an unset variable is named, without any value")
    func unsetVariable() throws {
        let spec = try HeaderSpec(parsing: "Authorization: Bearer ${API_TOKEN}")
        #expect(throws: HeaderSpecError.unsetVariable(header: "Authorization", variable: "API_TOKEN")) {
            try spec.resolve(environment: ["OTHER": "x"], readFile: { _ in "" })
        }
        let message = HeaderSpecError.unsetVariable(header: "Authorization", variable: "API_TOKEN").description
        #expect(message.contains("API_TOKEN"))
    }

    @Test("an unreadable file names the path")
    func unreadableFile() throws {
        let spec = try HeaderSpec(parsing: "Authorization: @/missing")
        do {
            _ = try spec.resolve(environment: [:], readFile: { _ in throw MissingFile() })
            Issue.record("resolve should have thrown")
        } catch let error as HeaderSpecError {
            guard case .unreadableFile(let header, let path, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(header == "Authorization")
            #expect(path == "/missing")
        }
    }

    @Test("a value that would split the request is refused without quoting it")
    func lineBreakInValue() throws {
        let spec = try HeaderSpec(parsing: "X-Token: ${TOKEN}")
        #expect(throws: HeaderSpecError.invalidValue(header: "X-Token")) {
            try spec.resolve(environment: ["TOKEN": "abc\r\nX-Evil: 1"], readFile: { _ in "" })
        }
    }
}
