import Glibc
import Testing
@testable import TelltaleSources

@Suite("ChunkRead")
struct ChunkReadTests {
    @Test("a big read is handed on whole, in the array it was read into")
    func bigRead() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        let sent = (0..<60_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        #expect(sent.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) } == sent.count)
        let chunk = ChunkRead(from: fds[0], maximum: 64 * 1024)
        #expect(chunk.result == sent.count)
        #expect(chunk.bytes == sent)
    }

    @Test("a few bytes do not keep a megabyte queued")
    func smallRead() {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        let line = Array("one new line\n".utf8)
        #expect(line.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) } == line.count)
        let chunk = ChunkRead(from: fds[0], maximum: 1 << 20)
        #expect(chunk.bytes == line)
        #expect(chunk.bytes.capacity < 4096)
    }

    @Test("the end of the input and a failed read are told apart")
    func endAndError() {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        close(fds[1])
        let end = ChunkRead(from: fds[0], maximum: 1024)
        #expect(end.result == 0 && end.bytes.isEmpty)
        close(fds[0])
        let failed = ChunkRead(from: fds[0], maximum: 1024)
        #expect(failed.result == -1 && failed.error == EBADF && failed.bytes.isEmpty)
    }
}
