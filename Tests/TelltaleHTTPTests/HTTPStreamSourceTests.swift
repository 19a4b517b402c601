import Foundation
import TelltaleCore
import Testing
@testable import TelltaleHTTP

/// The stream source against scripted servers on 127.0.0.1.
@Suite("HTTPStreamSource", .serialized)
struct HTTPStreamSourceTests {
    static let ndjsonHead =
        "HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nConnection: close\r\n\r\n"
    static let sseHead =
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n"

    /// Runs `source` until `done` holds for its events (or 5 s pass), then cancels it.
    static func run(
        _ source: HTTPStreamSource, until done: @escaping ([SourceEvent]) -> Bool
    ) async -> [SourceEvent] {
        let recorder = EventRecorder<SourceEvent>()
        let task = Task { await source.run { recorder.append($0) } }
        _ = await recorder.wait(until: done)
        task.cancel()
        await task.value
        return recorder.all
    }

    @Test("NDJSON lines arrive in order, whole, however the chunks split them")
    func ndjsonInOrder() async throws {
        let lines = (1...40).map { #"{"severity":"INFO","message":"line \#($0)"}"# }
        let body = lines.joined(separator: "\n") + "\n"
        let server = try ScriptedSocketServer { connection, _ in
            connection.readRequestHead()
            connection.write(Self.ndjsonHead)
            var rest = Substring(body)
            while !rest.isEmpty {
                connection.write(String(rest.prefix(37)))
                rest = rest.dropFirst(37)
                connection.pause(0.002)
            }
        }
        defer { server.stop() }
        let source = HTTPStreamSource(url: server.baseURL + "/logs", follow: false)
        let events = await Self.run(source) { $0.states.contains(.ended) }
        #expect(events.dataText == body)
        #expect(events.states == [.connecting, .reading, .ended])
        for event in events {
            if case .data(let name, let bytes, _) = event {
                #expect(bytes.last == UInt8(ascii: "\n"))
                #expect(name == "http://127.0.0.1:\(server.port)/logs")
            }
        }
    }

    @Test(
        "a drop mid-line discards the fragment, and the resent line is counted once",
        arguments: [true, false])
    func dropMidLine(chunked: Bool) async throws {
        let server = try ScriptedSocketServer { connection, index in
            connection.readRequestHead()
            if chunked {
                connection.write(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n")
                if index == 0 {
                    // Cut inside a chunk: a broken connection, not an end of body.
                    connection.write("20\r\nline 1\nline 2\nlin")
                    connection.pause(0.1)
                    connection.reset()
                    return
                }
                connection.write("e\r\nline 3\nline 4\n\r\n")
                connection.waitForPeerClose()
            } else {
                connection.write(Self.ndjsonHead)
                connection.write(index == 0 ? "line 1\nline 2\nlin" : "line 3\nline 4\n")
                if index > 0 { connection.waitForPeerClose() }
            }
        }
        defer { server.stop() }
        let source = HTTPStreamSource(url: server.baseURL + "/logs?token=abc", follow: true)
        let events = await Self.run(source) { $0.dataText.contains("line 4\n") }
        #expect(events.dataText == "line 1\nline 2\nline 3\nline 4\n")
        #expect(events.notes == ["discarded partial line of 3 bytes at disconnect"])
        let reconnects = events.states.compactMap { state -> Double? in
            if case .reconnecting(let at, _) = state { return at }
            return nil
        }
        #expect(reconnects.count == 1)
        #expect(server.acceptedConnections == 2)
        #expect(source.name == "http://127.0.0.1:\(server.port)/logs")
    }

    @Test("SSE events are emitted as lines, and a reconnect resumes with Last-Event-ID")
    func sseResume() async throws {
        let server = try ScriptedSocketServer { connection, index in
            connection.readRequestHead()
            connection.write(Self.sseHead)
            if index == 0 {
                connection.write("retry: 50\n\nid: 1\ndata: {\"n\":1}\n\n: keep-alive\n\n")
                connection.write("id: 2\ndata: first\ndata: second\n\nid: 3\ndata: cut")
                // Let the client read before the reset, which discards unread data.
                connection.pause(0.1)
                connection.reset()
            } else {
                connection.write("id: 3\ndata: {\"n\":3}\n\n")
                connection.waitForPeerClose()
            }
        }
        defer { server.stop() }
        let source = HTTPStreamSource(url: server.baseURL + "/events", follow: true)
        let started = Date().timeIntervalSince1970
        let events = await Self.run(source) { $0.dataText.contains("{\"n\":3}") }
        #expect(events.dataText == "{\"n\":1}\nfirst\nsecond\n{\"n\":3}\n")
        #expect(events.notes == ["discarded partial event at disconnect"])
        let heads = server.requestHeads
        #expect(heads.count == 2)
        #expect(!heads[0].lowercased().contains("last-event-id"))
        #expect(heads.count > 1 && heads[1].contains("Last-Event-ID: 2\r\n"))
        // retry: 50 replaced the 0.5 s default delay.
        for state in events.states {
            if case .reconnecting(let at, _) = state {
                #expect(at - started < 0.45)
            }
        }
    }

    @Test("SSE comment-only keep-alives produce no data")
    func sseKeepAlives() async throws {
        let server = try ScriptedSocketServer { connection, _ in
            connection.readRequestHead()
            connection.write(Self.sseHead)
            for _ in 0..<5 {
                connection.write(": ping\n\n")
                connection.pause(0.01)
            }
            connection.write("data: real\n\n: ping\n\n")
        }
        defer { server.stop() }
        let source = HTTPStreamSource(url: server.baseURL + "/events", follow: false)
        let events = await Self.run(source) { $0.states.contains(.ended) }
        #expect(events.dataText == "real\n")
        #expect(events.notes.isEmpty)
    }

    @Test("a non-2xx answer fails without follow and reconnects with it", arguments: [false, true])
    func nonSuccess(follow: Bool) async throws {
        let server = try ScriptedSocketServer { connection, _ in
            connection.readRequestHead()
            connection.write(
                "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 3\r\nConnection: close\r\n\r\nno\n")
        }
        defer { server.stop() }
        let source = HTTPStreamSource(url: server.baseURL + "/logs", follow: follow)
        let events = await Self.run(source) { events in
            events.states.contains { state in
                if case .reconnecting = state { return true }
                return state == .failed("HTTP 503")
            }
        }
        #expect(events.dataText == "")
        if follow {
            guard case .reconnecting(let at, let reason) = events.states.last else {
                Issue.record("expected reconnecting, got \(events.states)")
                return
            }
            #expect(reason == "HTTP 503")
            #expect(at > Date().timeIntervalSince1970 - 1)
        } else {
            #expect(events.states == [.connecting, .failed("HTTP 503")])
        }
    }

    @Test("cancellation ends a quiet stream promptly")
    func cancellation() async throws {
        let server = try ScriptedSocketServer { connection, _ in
            connection.readRequestHead()
            connection.write(Self.ndjsonHead)
            connection.waitForPeerClose()
        }
        defer { server.stop() }
        let source = HTTPStreamSource(url: server.baseURL + "/logs", follow: true)
        let recorder = EventRecorder<SourceEvent>()
        let task = Task { await source.run { recorder.append($0) } }
        #expect(await recorder.wait { $0.states.contains(.reading) })
        let clock = ContinuousClock()
        let start = clock.now
        task.cancel()
        await task.value
        #expect(clock.now - start < .seconds(1))
    }

    @Test("backoff doubles from the base up to 30 s")
    func backoff() {
        let delays = (0...9).map { HTTPStreamSource.backoff(afterFailedAttempts: $0, base: 0.5) }
        #expect(delays == [0.5, 0.5, 1, 2, 4, 8, 16, 30, 30, 30])
    }
}
