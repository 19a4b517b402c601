import Foundation
import Glibc
import Testing
import TelltaleCore
@testable import TelltaleSources

extension LogSourceTests {
    @Suite("StandardInputSource")
    struct StandardInputSourceTests {
        /// A pipe whose read end plays standard input.
        struct Pipe {
            let readEnd: Int32
            let writeEnd: Int32

            init() throws {
                var ends: [Int32] = [-1, -1]
                guard pipe(&ends) == 0 else { throw POSIXError(.EMFILE) }
                readEnd = ends[0]
                writeEnd = ends[1]
            }

            func write(_ text: String) {
                let bytes = Array(text.utf8)
                #expect(Glibc.write(writeEnd, bytes, bytes.count) == bytes.count)
            }
        }

        @Test("reads chunks until end of file, then ends")
        func readsUntilEndOfFile() async throws {
            let pipe = try Pipe()
            defer { close(pipe.readEnd) }
            let source = StandardInputSource(fd: pipe.readEnd)
            #expect(source.name == "-")
            let recorder = SourceRecorder(source)
            pipe.write("first line\nsecond ")
            #expect(await recorder.waitUntil { $0.text == "first line\nsecond " })
            #expect(!recorder.hasReturned)
            pipe.write("half\n")
            close(pipe.writeEnd)
            #expect(await recorder.waitUntil { $0.hasReturned })
            #expect(recorder.text == "first line\nsecond half\n")
            #expect(recorder.states == [.reading, .ended])
        }

        @Test("cancellation returns promptly while the writer is silent")
        func cancellationWhileSilent() async throws {
            let pipe = try Pipe()
            defer {
                close(pipe.readEnd)
                close(pipe.writeEnd)
            }
            let recorder = SourceRecorder(StandardInputSource(fd: pipe.readEnd))
            #expect(await recorder.waitUntil { $0.lastState == .reading })
            let stoppedAt = Date()
            #expect(await recorder.stop())
            #expect(Date().timeIntervalSince(stoppedAt) < 1.0)
            #expect(recorder.states == [.reading])
        }
    }
}
