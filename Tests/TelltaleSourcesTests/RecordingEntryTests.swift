import Foundation
import Testing
import TelltaleCore
@testable import TelltaleSources

@Suite("Recording entries")
struct RecordingEntryTests {
    @Test("every entry survives a round trip", arguments: [
        RecordingEntry.header(version: 1, started: 1_757_937_600.5),
        .data(source: "app.log", bytes: Array("{\"severity\":\"INFO\"}\nsecond line\n".utf8), arrival: 1_757_937_601.25),
        .data(source: "-", bytes: [0x66, 0xFF, 0xFE, 0x0A, 0x00, 0x1B], arrival: 1),
        .state(source: "cmd:gcloud", state: .reconnecting(at: 12.5, reason: "exited with status 1: boom"), at: 10),
        .state(source: "x", state: .failed("permission denied"), at: 2),
        .state(source: "x", state: .waiting("no such file"), at: 2),
        .state(source: "x", state: .ended, at: 3),
        .note(source: "x", text: "rotated", at: 4),
        .health(HealthResult(endpoint: "/health", time: 5, status: 503, latency: 0.25, body: "{\"status\":\"unhealthy\"}")),
        .health(HealthResult(endpoint: "/health", time: 6, latency: 5, error: .timeout(5))),
        .health(HealthResult(endpoint: "/ready", time: 7, latency: 0.001, error: .dnsFailure("nonexistent.invalid"))),
        .health(HealthResult(endpoint: "/ready", time: 8, latency: 0.001, error: .connectionRefused)),
    ])
    func roundTrip(entry: RecordingEntry) {
        let line = entry.encoded()
        #expect(!line.contains("\n"))
        #expect(RecordingEntry.decode(line) == entry)
    }

    @Test func invalidUTF8IsKeptExactlyAsBase64() {
        let line = RecordingEntry.data(source: "-", bytes: [0xC3, 0x28, 0x0A], arrival: 0).encoded()
        #expect(line.contains("\"base64\""))
        #expect(!line.contains("\"text\""))
    }

    @Test func garbageIsNotAnEntry() {
        #expect(RecordingEntry.decode("not json") == nil)
        #expect(RecordingEntry.decode("{\"type\":\"mystery\"}") == nil)
        #expect(RecordingEntry.decode("{\"type\":\"data\",\"t\":1,\"source\":\"x\"}") == nil)
    }

    @Test func aWrittenRecordingLoadsBackAndIsPrivate() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("telltale-rec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("rec.ndjson").path
        let writer = try RecordingWriter(path: path, started: 100)
        writer.write(.data(source: "a", bytes: Array("one\n".utf8), arrival: 101), at: 101)
        writer.write(.health(HealthResult(endpoint: "/health", time: 102, status: 200, latency: 0.01, body: "{}")))
        writer.close()
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let entries = try RecordingReplay(path: path, speed: nil).load()
        #expect(entries.count == 3)
        let summary = try RecordingReplay(path: path, speed: nil).summary()
        #expect(summary.sources == ["a"])
        #expect(summary.hasHealth)
        #expect(summary.entries == 3)
        #expect(summary.redacted)
    }

    /// The reader reads a megabyte at a time: entries longer than that, and
    /// entries cut by a buffer boundary, come back whole.
    @Test func entriesAcrossTheReadBufferComeBackWhole() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("telltale-rec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("rec.ndjson").path
        var expected: [RecordingEntry] = [.header(version: 1, started: 0)]
        for k in 0..<40 {
            let line = String(repeating: Character(UnicodeScalar(UInt8(97 + k % 26))), count: k == 7 ? 1_500_000 : 70_001 + k) + "\n"
            expected.append(.data(source: "s\(k % 3)", bytes: Array(line.utf8), arrival: Double(k)))
        }
        try expected.map { $0.encoded() + "\n" }.joined().write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try RecordingReplay(path: path, speed: nil).load() == expected)
        #expect(try RecordingReplay(path: path, speed: nil).summary().sources == ["s0", "s1", "s2"])
    }

    @Test func aBrokenRecordingIsRefusedWithItsLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("telltale-rec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("rec.ndjson").path
        try "{\"type\":\"telltale-recording\",\"version\":1,\"started\":0}\n{\"type\":\"data\",\"t\":1,\"source\":\"a\",\"text\":\"x\"}\nnot json\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: RecordingError(path: path, reason: "not a recording entry", line: 3)) {
            try RecordingReplay(path: path, speed: nil).load()
        }
        try "{\"type\":\"data\",\"t\":1,\"source\":\"a\",\"text\":\"x\"}\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: RecordingError(path: path, reason: "not a telltale recording (no header)", line: 1)) {
            try RecordingReplay(path: path, speed: nil).load()
        }
    }

    @Test func playbackKeepsTheScaledTiming() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("telltale-rec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("rec.ndjson").path
        let entries: [RecordingEntry] = [
            .header(version: 1, started: 0),
            .data(source: "a", bytes: Array("one\n".utf8), arrival: 10),
            .data(source: "a", bytes: Array("two\n".utf8), arrival: 11),
        ]
        try entries.map { $0.encoded() + "\n" }.joined().write(toFile: path, atomically: true, encoding: .utf8)
        let start = ContinuousClock.now
        let collected = LockedValue<[String]>([])
        await RecordingReplay(path: path, speed: 2).play(source: { event in
            if case .data(_, let bytes, _) = event { collected.update { $0.append(String(decoding: bytes, as: UTF8.self)) } }
        }, health: { _ in })
        let elapsed = start.duration(to: .now)
        #expect(collected.value == ["one\n", "two\n"])
        #expect(elapsed >= .milliseconds(450), "one recorded second at speed 2 takes half a second")
    }
}
