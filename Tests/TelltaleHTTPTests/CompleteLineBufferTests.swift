import Testing
@testable import TelltaleHTTP

@Suite("CompleteLineBuffer")
struct CompleteLineBufferTests {
    @Test(
        "passes whole lines and holds back the tail",
        arguments: [
            (["a\nb\n"], "a\nb\n", 0),
            (["a\nb"], "a\n", 1),
            (["par", "tial\nnext"], "partial\n", 4),
            (["no newline at all"], "", 17),
            (["x", "y", "z\n"], "xyz\n", 0),
        ])
    func holdsBack(chunks: [String], emitted: String, held: Int) {
        var buffer = CompleteLineBuffer()
        var out: [UInt8] = []
        for chunk in chunks { out += buffer.accept(Array(chunk.utf8)) }
        #expect(String(decoding: out, as: UTF8.self) == emitted)
        #expect(buffer.pendingCount == held)
    }

    @Test("discard drops the tail; flush hands it over")
    func discardAndFlush() {
        var buffer = CompleteLineBuffer()
        _ = buffer.accept(Array("done\nhalf".utf8))
        #expect(buffer.discard() == 4)
        #expect(buffer.accept(Array("whole\n".utf8)) == Array("whole\n".utf8))
        _ = buffer.accept(Array("last".utf8))
        #expect(buffer.flush() == Array("last".utf8))
        #expect(buffer.pendingCount == 0)
    }
}
