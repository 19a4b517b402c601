import Foundation
import Glibc
import Testing
import TelltaleCore
@testable import TelltaleSources

/// Opens `path` for appending with O_APPEND, as loggers do, so writes after a
/// copytruncate land at the new end of file.
private func appendHandle(_ path: String) -> FileHandle {
    let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
    precondition(descriptor >= 0, "cannot open \(path)")
    return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
}

/// Hands a `FileTailer` to the thread that follows with it; the test only
/// reads its atomic wake count meanwhile.
private final class FollowedTailer: @unchecked Sendable {
    let value: FileTailer
    init(_ value: FileTailer) { self.value = value }
}

private func numberedLines(_ range: ClosedRange<Int>) -> String {
    range.map { "line \($0) of the rotation test, padded to look like a log\n" }.joined()
}

extension LogSourceTests {
    @Suite("FileTailSource")
    struct FileTailSourceTests {
        @Test("appended lines appear quickly")
        func appendedLinesAppear() async throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.file("app.log")
            let writer = appendHandle(path)
            try writer.write(contentsOf: Data("before\n".utf8))
            let recorder = SourceRecorder(FileTailSource(path: path, follow: true, fromStart: false))
            #expect(await recorder.waitUntil { $0.lastState == .reading })
            let written = Date().timeIntervalSince1970
            try writer.write(contentsOf: Data("a new line\n".utf8))
            #expect(await recorder.waitUntil { $0.text == "a new line\n" })
            let arrival = try #require(recorder.snapshot.dataArrivals.first)
            #expect(arrival - written < 1.0)
            #expect(await recorder.stop())
        }

        @Test("starts at the end unless fromStart", arguments: [
            (false, "appended\n"),
            (true, "existing\nappended\n"),
        ])
        func startingPoint(fromStart: Bool, expected: String) async throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.file("app.log")
            let writer = appendHandle(path)
            try writer.write(contentsOf: Data("existing\n".utf8))
            let recorder = SourceRecorder(FileTailSource(path: path, follow: true, fromStart: fromStart))
            #expect(await recorder.waitUntil { $0.lastState == .reading })
            try writer.write(contentsOf: Data("appended\n".utf8))
            #expect(await recorder.waitUntil { $0.text.hasSuffix("appended\n") })
            #expect(recorder.text == expected)
            #expect(await recorder.stop())
        }

        @Test("without follow reads the whole file in chunks and ends")
        func readsWholeFileOnce() async throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.file("big.log")
            // Larger than three 64 KiB chunks, so chunk boundaries are crossed.
            let content = Data((0..<5000).map { "entry \($0) with some padding text here\n" }.joined().utf8)
            try content.write(to: URL(fileURLWithPath: path))
            let recorder = SourceRecorder(FileTailSource(path: path, follow: false, fromStart: false))
            #expect(await recorder.waitUntil { $0.hasReturned })
            #expect(recorder.bytes == [UInt8](content))
            #expect(recorder.states == [.reading, .ended])
        }

        @Test("without follow a missing file fails")
        func missingFileWithoutFollowFails() async throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let recorder = SourceRecorder(FileTailSource(path: directory.file("absent.log"), follow: false, fromStart: false))
            #expect(await recorder.waitUntil { $0.hasReturned })
            #expect(recorder.states == [.failed("no such file")])
        }

        @Test("rename rotation while writing loses and duplicates nothing")
        func renameRotation() async throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.file("app.log")
            var writer = appendHandle(path)
            let recorder = SourceRecorder(FileTailSource(path: path, follow: true, fromStart: true))
            #expect(await recorder.waitUntil { $0.lastState == .reading })
            for number in 1...1000 {
                try writer.write(contentsOf: Data(numberedLines(number...number).utf8))
                if number == 500 {
                    // The writer keeps appending to the renamed file, as a logger
                    // does until it is told to reopen.
                    try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
                }
            }
            try writer.close()
            writer = appendHandle(path)
            for number in 1001...2000 {
                try writer.write(contentsOf: Data(numberedLines(number...number).utf8))
            }
            let expected = numberedLines(1...2000)
            #expect(await recorder.waitUntil(timeout: 20) { $0.bytes.count >= expected.utf8.count })
            #expect(recorder.text == expected)
            #expect(recorder.notes.contains("rotated"))
            #expect(await recorder.stop())
        }

        @Test("copytruncate restarts at the start of the file")
        func copyTruncate() async throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.file("app.log")
            let writer = appendHandle(path)
            let recorder = SourceRecorder(FileTailSource(path: path, follow: true, fromStart: true))
            let before = "first line before the truncation\nsecond line before it\n"
            try writer.write(contentsOf: Data(before.utf8))
            #expect(await recorder.waitUntil { $0.text == before })
            let truncator = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try truncator.truncate(atOffset: 0)
            try truncator.close()
            try writer.write(contentsOf: Data("after\n".utf8))
            #expect(await recorder.waitUntil { $0.text == before + "after\n" })
            #expect(recorder.notes == ["truncated"])
            try writer.write(contentsOf: Data("later\n".utf8))
            #expect(await recorder.waitUntil { $0.text == before + "after\nlater\n" })
            #expect(await recorder.stop())
        }

        @Test("deletion waits, re-creation is read from its start")
        func deleteAndRecreate() async throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.file("app.log")
            let writer = appendHandle(path)
            let recorder = SourceRecorder(FileTailSource(path: path, follow: true, fromStart: false))
            #expect(await recorder.waitUntil { $0.lastState == .reading })
            try writer.write(contentsOf: Data("one\n".utf8))
            #expect(await recorder.waitUntil { $0.text == "one\n" })
            try writer.close()
            try FileManager.default.removeItem(atPath: path)
            #expect(await recorder.waitUntil { $0.lastState == .waiting("no such file") })
            let second = appendHandle(path)
            try second.write(contentsOf: Data("two\n".utf8))
            #expect(await recorder.waitUntil { $0.text == "one\ntwo\n" })
            #expect(recorder.notes.contains("re-created"))
            #expect(recorder.lastState == .reading)
            #expect(await recorder.stop())
        }

        @Test("a file that does not exist yet is waited for, then read from 0")
        func notExistingYet() async throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.file("later.log")
            let recorder = SourceRecorder(FileTailSource(path: path, follow: true, fromStart: false))
            #expect(await recorder.waitUntil { $0.lastState == .waiting("no such file") })
            let writer = appendHandle(path)
            try writer.write(contentsOf: Data("hello\n".utf8))
            #expect(await recorder.waitUntil { $0.text == "hello\n" })
            #expect(recorder.lastState == .reading)
            #expect(await recorder.stop())
        }

        @Test("a directory at the path fails, then recovers when it becomes a file")
        func directoryAtPath() async throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.file("app.log")
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            let recorder = SourceRecorder(FileTailSource(path: path, follow: true, fromStart: false))
            #expect(await recorder.waitUntil { $0.lastState == .failed("is a directory") })
            try FileManager.default.removeItem(atPath: path)
            let writer = appendHandle(path)
            try writer.write(contentsOf: Data("now a file\n".utf8))
            #expect(await recorder.waitUntil(timeout: 20) { $0.text == "now a file\n" })
            #expect(await recorder.stop())
        }

        @Test("a line split across two writes arrives whole and once")
        func lineSplitAcrossWrites() async throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.file("app.log")
            let writer = appendHandle(path)
            let recorder = SourceRecorder(FileTailSource(path: path, follow: true, fromStart: false))
            #expect(await recorder.waitUntil { $0.lastState == .reading })
            try writer.write(contentsOf: Data("{\"level\":\"err".utf8))
            #expect(await recorder.waitUntil { $0.bytes.count == 13 })
            try writer.write(contentsOf: Data("or\"}\n".utf8))
            #expect(await recorder.waitUntil { $0.text == "{\"level\":\"error\"}\n" })
            #expect(await recorder.stop())
        }

        @Test("writes to other files in the directory leave the follower asleep; its own file wakes it")
        func siblingWritesDoNotWake() async throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.file("quiet.log")
            #expect(FileManager.default.createFile(atPath: path, contents: nil))
            let received = SourceRecorder.Log()
            func receivedText() -> String { received.recorded.withLock { String(decoding: $0.bytes, as: UTF8.self) } }
            let signal = WakeupSignal()
            let tailer = FollowedTailer(FileTailer(path: path, name: "quiet", signal: signal) { received.record($0) })
            let thread = Thread { tailer.value.follow(fromStart: true) }
            thread.start()
            try await Task.sleep(for: .milliseconds(200))

            // A busy neighbour: 100 appends and 20 timestamp changes over ~0.3 s.
            let neighbour = appendHandle(directory.file("busy.log"))
            let before = tailer.value.wakeUps.load(ordering: .relaxed)
            for index in 0..<100 {
                try neighbour.write(contentsOf: Data("neighbour line \(index)\n".utf8))
                if index % 5 == 0 { _ = utimes(directory.file("busy.log"), nil) }
                try await Task.sleep(for: .milliseconds(3))
            }
            let afterNeighbour = tailer.value.wakeUps.load(ordering: .relaxed)
            // At most the fallback timer (every 0.5 s or slower) in that time.
            #expect(afterNeighbour - before <= 2)

            // Its own file still wakes it at once.
            try appendHandle(path).write(contentsOf: Data("mine\n".utf8))
            let deadline = Date().addingTimeInterval(2)
            while receivedText() != "mine\n" && Date() < deadline { try await Task.sleep(for: .milliseconds(10)) }
            #expect(receivedText() == "mine\n")
            signal.fire()
            while !thread.isFinished { try await Task.sleep(for: .milliseconds(10)) }
        }

        @Test("cancellation returns promptly and closes every descriptor")
        func cancellationClosesDescriptors() async throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.file("app.log")
            #expect(FileManager.default.createFile(atPath: path, contents: Data("x\n".utf8)))
            let before = OpenDescriptors.targets()
            let recorder = SourceRecorder(FileTailSource(path: path, follow: true, fromStart: true))
            #expect(await recorder.waitUntil { $0.text == "x\n" })
            let during = OpenDescriptors.targets()
            let opened = during.filter { before[$0.key] != $0.value }
            #expect(opened.values.contains { $0.hasSuffix("/app.log") })
            #expect(opened.values.contains { $0.contains("inotify") })
            #expect(opened.values.contains { $0.hasPrefix("pipe:") })
            let stoppedAt = Date()
            #expect(await recorder.stop())
            #expect(Date().timeIntervalSince(stoppedAt) < 1.0)
            let after = OpenDescriptors.targets()
            let stillOpen = opened.filter { after[$0.key] == $0.value }
            #expect(stillOpen.isEmpty, "still open: \(stillOpen)")
        }
    }
}
