import Testing
@testable import TelltaleCore

/// What a recording stores: complete lines, redacted, however the bytes were
/// split into chunks.
@Suite("Line redactor")
struct LineRedactorTests {
    static let raw = "GET /login password=hunter2 ok\nAuthorization: Bearer abc.DEF-123\n{\"token\": \"t0k3n\"}\nplain line\n"
    static let redacted = "GET /login password=[REDACTED] ok\nAuthorization: [REDACTED]\n{\"token\": \"[REDACTED]\"}\nplain line\n"

    /// Feeds `text` in chunks of `size` bytes and returns everything written.
    static func stream(_ text: String, chunk size: Int, redactor: Redactor = Redactor()) -> String {
        var lines = LineRedactor(redactor: redactor)
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var start = 0
        while start < bytes.count {
            let end = min(start + size, bytes.count)
            out += lines.feed(Array(bytes[start..<end]))
            start = end
        }
        out += lines.finish()
        return String(decoding: out, as: UTF8.self)
    }

    @Test("a secret split anywhere between chunks is still redacted", arguments: [1, 2, 3, 5, 7, 11, 64, 1000])
    func splitAnywhere(chunk: Int) {
        let out = Self.stream(Self.raw, chunk: chunk)
        #expect(out == Self.redacted)
        #expect(!out.contains("hunter2"))
    }

    @Test func aPartialLineWaitsForItsNewline() {
        var lines = LineRedactor(redactor: Redactor())
        #expect(lines.feed(Array("one\npass".utf8)) == Array("one\n".utf8))
        #expect(lines.heldBytes == 4)
        #expect(lines.feed(Array("word=s3cret".utf8)).isEmpty)
        #expect(String(decoding: lines.feed(Array(" end\ntwo".utf8)), as: UTF8.self) == "password=[REDACTED] end\n")
        #expect(String(decoding: lines.finish(), as: UTF8.self) == "two")
        #expect(lines.heldBytes == 0)
        #expect(lines.finish().isEmpty)
    }

    @Test func theLastLineWithoutANewlineIsRedactedAtTheEnd() {
        #expect(Self.stream("token=abc", chunk: 4) == "token=[REDACTED]")
    }

    @Test func linesAndCarriageReturnsAreKept() {
        let text = "a password=x\r\nb\r\n\n\nc token=y\r\n"
        let out = Self.stream(text, chunk: 3)
        #expect(out == "a password=[REDACTED]\r\nb\r\n\n\nc token=[REDACTED]\r\n")
        #expect(out.split(separator: "\n", omittingEmptySubsequences: false).count == text.split(separator: "\n", omittingEmptySubsequences: false).count)
    }

    @Test func configuredPatternsApplyToo() throws {
        let redactor = Redactor(extraPatterns: [try RedactionPattern(#"sk_live_\w+"#, file: "c.yaml")])
        #expect(Self.stream("charge sk_live_AbC9 done\n", chunk: 5, redactor: redactor) == "charge [REDACTED] done\n")
    }

    @Test func invalidUTF8WithoutASecretIsKeptByteForByte() {
        var lines = LineRedactor(redactor: Redactor())
        let bytes: [UInt8] = [0x61, 0xC3, 0x28, 0xFF, 0x0A]
        #expect(lines.feed(bytes) == bytes)
        let secret: [UInt8] = [0xFF, 0x20] + Array("token=abc".utf8) + [0x0A]
        #expect(lines.feed(secret) == [0xFF, 0x20] + Array("token=[REDACTED]".utf8) + [0x0A])
    }

    @Test func anEndlessLineIsLetThroughAtTheCap() {
        var lines = LineRedactor(redactor: Redactor(), maxHeldBytes: 16)
        #expect(lines.feed(Array("0123456789".utf8)).isEmpty)
        let out = lines.feed(Array("abcdefghij password=x".utf8))
        #expect(String(decoding: out, as: UTF8.self) == "0123456789abcdefghij password=[REDACTED]")
        #expect(lines.heldBytes == 0)
    }
}
