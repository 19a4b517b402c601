import Foundation
import Testing
@testable import TelltaleDemo

/// Starts a backend, runs the body with its port, and always stops it.
private func withBackend<T>(
    _ backend: DemoBackend, _ body: (Int) async throws -> T
) async throws -> T {
    let port = try await backend.start()
    do {
        let result = try await body(port)
        await backend.stop()
        return result
    } catch {
        await backend.stop()
        throw error
    }
}

private func ndjsonLines(_ exchange: RawHTTPClient.Exchange) -> [String] {
    exchange.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
}

/// `(id, data)` of each complete SSE event; comments are skipped.
private func sseEvents(_ text: String) -> [(id: Int?, data: String)] {
    text.components(separatedBy: "\n\n").dropLast().compactMap { block in
        var id: Int?
        var data: String?
        for field in block.split(separator: "\n") {
            if field.hasPrefix("id: ") { id = Int(field.dropFirst(4)) }
            if field.hasPrefix("data: ") { data = String(field.dropFirst(6)) }
        }
        return data.map { (id, $0) }
    }
}

@Suite("DemoBackend over real HTTP", .serialized, .timeLimit(.minutes(1)))
struct DemoBackendTests {
    @Test("health answers follow the story's phases")
    func healthOverPhases() async throws {
        let clock = ManualWallClock()
        let backend = clock.backend()
        let steps: [(time: Double, path: String, status: Int, fragment: String)] = [
            (1, "/health", 503, "Startup in progress"),
            (1, "/health/ready", 503, "Core database unavailable"),
            (10, "/health", 503, "Startup failed: Database initialization timeout after 8.0s"),
            (10, "/health/backend", 503, "Core database unavailable"),
            (22, "/health", 503, "Startup in progress"),
            (30, "/health", 503, "startup_failed"),
            (50, "/health", 200, "\"version\":\"1.0.0\""),
            (50, "/health/ready", 200, "\"status\":\"ready\""),
            (50, "/health/backend", 200, "\"status\":\"degraded\""),
            (200, "/health", 200, "\"version\":\"1.0.1\""),
            (5_000, "/health/ready", 200, "\"core_db\":\"connected\""),
        ]
        try await withBackend(backend) { port in
            for step in steps {
                clock.set(step.time)
                let exchange = try await RawHTTPClient.request(port: port, path: step.path)
                #expect(exchange.status == step.status, "\(step.path) at \(step.time) s")
                #expect(exchange.text.contains(step.fragment), "\(step.path) at \(step.time) s")
                #expect(exchange.header("content-type") == "application/json")
            }
        }
    }

    @Test("at speed 200 the monotonic clock drives the story")
    func realClockAtHighSpeed() async throws {
        // Each answer is checked against the phase at the simulated times just before and
        // after its request, so a starved request cannot make the test lie either way.
        let backend = DemoBackend(seed: 1, speed: 200)
        try await withBackend(backend) { port in
            let script = try #require(backend.script)
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(20)
            var answers = 0
            while backend.simulatedTime < 160 && clock.now < deadline {
                let before = script.phase(at: backend.simulatedTime)
                let exchange = try await RawHTTPClient.request(port: port, path: "/health")
                let after = script.phase(at: backend.simulatedTime)
                answers += 1
                if before == after {
                    let expected = try #require(before.healthResponse(for: "/health", logTime: 0))
                    #expect(exchange.status == expected.status, "phase \(before)")
                }
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(backend.simulatedTime >= 160)
            let final = try await RawHTTPClient.request(port: port, path: "/health")
            #expect(final.status == 200)
            #expect(final.text.contains("\"version\":\"1.0.1\""))
            #expect(answers > 0)
        }
    }

    @Test("/logs sends the backlog as NDJSON, exactly the script's lines")
    func ndjsonBacklog() async throws {
        let clock = ManualWallClock(100)
        let backend = clock.backend(seed: 9)
        try await withBackend(backend) { port in
            let script = try #require(backend.script)
            let expected = script.events(from: 0, to: 100).compactMap(\.logLine).map(\.text)
            let exchange = try await RawHTTPClient.request(port: port, path: "/logs") {
                $0.text.filter { $0 == "\n" }.count >= expected.count
            }
            #expect(exchange.status == 200)
            #expect(exchange.header("content-type") == "application/x-ndjson")
            #expect(ndjsonLines(exchange) == expected)
            #expect(exchange.ending == .satisfied)
        }
    }

    @Test("SSE numbers lines and resumes after Last-Event-ID", arguments: [
        ("/logs/sse", [String: String]()), ("/logs", ["Accept": "text/event-stream"]),
    ])
    func sseResume(path: String, headers: [String: String]) async throws {
        let clock = ManualWallClock(100)
        let backend = clock.backend(seed: 2)
        try await withBackend(backend) { port in
            let first = try await RawHTTPClient.request(port: port, path: path, headers: headers) {
                sseEvents($0.text).count >= 20
            }
            #expect(first.header("content-type") == "text/event-stream")
            let events = Array(sseEvents(first.text).prefix(20))
            #expect(events.map(\.id) == Array(0..<20))
            let script = try #require(backend.script)
            let lines = script.events(from: 0, to: 100).compactMap(\.logLine).map(\.text)
            #expect(events.map(\.data) == Array(lines.prefix(20)))

            var resumeHeaders = headers
            resumeHeaders["Last-Event-ID"] = "9"
            let resumed = try await RawHTTPClient.request(port: port, path: path, headers: resumeHeaders) {
                sseEvents($0.text).count >= 3
            }
            let resumedEvents = sseEvents(resumed.text)
            #expect(resumedEvents.first?.id == 10)
            #expect(resumedEvents.first?.data == lines[10])
        }
    }

    @Test("an idle SSE stream gets keep-alive comments")
    func keepAlive() async throws {
        // The story stands still at 1 s: one line, then nothing but keep-alives.
        let backend = ManualWallClock(1).backend(keepAliveInterval: .milliseconds(300))
        try await withBackend(backend) { port in
            let exchange = try await RawHTTPClient.request(port: port, path: "/logs/sse", timeout: 2) {
                $0.text.contains(": keep-alive\n\n")
            }
            #expect(exchange.ending == .satisfied)
            #expect(sseEvents(exchange.text).map(\.id) == [0])
        }
    }

    @Test("hang: the health request is never answered")
    func hang() async throws {
        try await withBackend(DemoBackend(faults: [DemoFaultRule(mode: .hang)])) { port in
            let exchange = try await RawHTTPClient.request(port: port, path: "/health", timeout: 1.5)
            #expect(exchange.ending == .timedOut)
            #expect(exchange.raw.isEmpty)
        }
    }

    @Test("trickle: headers arrive, then the body one byte a second")
    func trickle() async throws {
        try await withBackend(DemoBackend(faults: [DemoFaultRule(mode: .trickle, endpoint: "/health/ready")])) { port in
            let clock = ContinuousClock()
            let began = clock.now
            let exchange = try await RawHTTPClient.request(port: port, path: "/health/ready", timeout: 5) {
                $0.body.count >= 3
            }
            let elapsed = clock.now - began
            #expect(exchange.status == 503)
            #expect(exchange.header("content-length") == "\(#"{"detail":"Core database unavailable"}"#.utf8.count)")
            #expect(exchange.text == #"{"d"#)
            // Three bytes need two one-second pauses; the upper bound only guards against
            // the body arriving in one piece after a stall.
            #expect(elapsed >= .seconds(1.8) && elapsed < .seconds(10))
            // The fault names one endpoint: the others answer normally and at once.
            let health = try await RawHTTPClient.request(port: port, path: "/health", timeout: 1)
            #expect(health.ending == .closed && health.status == 503 && health.text.contains("Startup in progress"))
        }
    }

    @Test("trickle on the log stream sends its lines one byte a second")
    func trickleStream() async throws {
        try await withBackend(DemoBackend(faults: [DemoFaultRule(mode: .trickle, endpoint: "/logs")])) { port in
            try await Task.sleep(for: .milliseconds(300))
            let exchange = try await RawHTTPClient.request(port: port, path: "/logs", timeout: 3) {
                $0.body.count >= 2
            }
            #expect(exchange.status == 200)
            #expect(exchange.text == "{\"")
        }
    }

    @Test("faults switched on over the control endpoint are seen by clients", arguments: [
        DemoFault.error500, .garbage, .platform503,
    ])
    func answerFaults(fault: DemoFault) async throws {
        try await withBackend(DemoBackend(seed: 1, speed: 1)) { port in
            let control = try await RawHTTPClient.request(port: port, path: "/control/fault?mode=\(fault.rawValue)", method: "POST")
            #expect(control.status == 200)
            let state = try JSONSerialization.jsonObject(with: Data(control.body)) as? [String: Any]
            let faults = state?["faults"] as? [[String: Any]]
            #expect(faults?.first?["mode"] as? String == fault.rawValue)

            let exchange = try await RawHTTPClient.request(port: port, path: "/health")
            switch fault {
            case .error500:
                #expect(exchange.status == 500)
                #expect(exchange.header("content-type")?.hasPrefix("text/html") == true)
                #expect(exchange.text.contains("<h1>Internal Server Error</h1>"))
            case .garbage:
                #expect(exchange.status == 200)
                #expect(String(validating: exchange.body, as: UTF8.self) == nil)
                #expect((try? JSONSerialization.jsonObject(with: Data(exchange.body))) == nil)
            case .platform503:
                #expect(exchange.status == 503)
                #expect(exchange.text.hasPrefix("The request failed because either the HTTP response was malformed"))
            default:
                Issue.record("not an answer fault: \(fault)")
            }
            _ = try await RawHTTPClient.request(port: port, path: "/control/fault?mode=none", method: "POST")
            let healed = try await RawHTTPClient.request(port: port, path: "/health")
            #expect(healed.status == 503 && healed.text.contains("Startup in progress"))
        }
    }

    @Test("drop: the log stream is cut in the middle of a line")
    func drop() async throws {
        try await withBackend(ManualWallClock(30).backend(faults: [DemoFaultRule(mode: .drop)])) { port in
            let exchange = try await RawHTTPClient.request(port: port, path: "/logs", timeout: 3)
            #expect(exchange.ending == .closed)
            #expect(exchange.status == 200)
            #expect(!exchange.chunkedBodyComplete)
            #expect(exchange.body.last != UInt8(ascii: "\n"))
            #expect(exchange.text.filter { $0 == "\n" }.count == DemoLogStream.linesBeforeDrop)
        }
    }

    @Test("flood: the log stream pours lines far faster than the script")
    func flood() async throws {
        try await withBackend(DemoBackend(seed: 1, speed: 1)) { port in
            _ = try await RawHTTPClient.request(port: port, path: "/control/fault?mode=flood&endpoint=/logs", method: "POST")
            let exchange = try await RawHTTPClient.request(port: port, path: "/logs", timeout: 2) {
                $0.raw.count > 1_000_000
            }
            #expect(exchange.ending == .satisfied)
            let lines = ndjsonLines(exchange)
            #expect(lines.count > 2_000)
            #expect(lines.dropFirst(10).prefix(100).allSatisfy { $0.contains("\"severity\": \"INFO\"") })
        }
    }

    @Test("control state reports phase, time and lines")
    func controlState() async throws {
        let clock = ManualWallClock(60)
        let backend = clock.backend()
        try await withBackend(backend) { port in
            let exchange = try await RawHTTPClient.request(port: port, path: "/control/state")
            let state = try #require(try JSONSerialization.jsonObject(with: Data(exchange.body)) as? [String: Any])
            let script = try #require(backend.script)
            #expect(state["phase"] as? String == "serving")
            #expect(state["simulatedTime"] as? Double == 60)
            #expect(state["speed"] as? Double == 1)
            #expect(state["revision"] as? String == "netra-backend-staging-00642-9vv")
            #expect(state["lineCount"] as? Int == script.groundTruth(upTo: 60).lines)
            let rejected = try await RawHTTPClient.request(port: port, path: "/control/fault?mode=bogus", method: "POST")
            #expect(rejected.status == 400)
        }
    }

    @Test("the backlog keeps the latest lines and resumes past forgotten ones")
    func backlogLimit() async throws {
        let script = DemoScript(seed: 1, start: 0)
        let timeline = DemoTimeline(script: script, speed: 1, backlogLimit: 100, wallElapsed: ManualWallClock(400).reading)
        let batch = timeline.lines(from: 0, limit: 1_000)
        #expect(batch.firstIndex > 200)
        #expect(batch.lines.count >= 100 && batch.lines.count <= 110)
        let story = script.events(from: 0, to: 400).compactMap(\.logLine).map(\.text)
        #expect(Array(story[batch.firstIndex...]) == batch.lines)
        #expect(timeline.lineCount == story.count)
    }

    @Test("a taken port makes start throw, leaving the backend stopped")
    func portTaken() async throws {
        try await withBackend(DemoBackend()) { port in
            let second = DemoBackend(port: port)
            await #expect(throws: (any Error).self) { try await second.start() }
            #expect(second.port == nil)
            let stillServing = try await RawHTTPClient.request(port: port, path: "/health")
            #expect(stillServing.status == 503)
        }
    }

    @Test("stop cuts open streams and hung requests and frees the port")
    func stopFreesPort() async throws {
        let backend = DemoBackend(seed: 1, speed: 1, faults: [DemoFaultRule(mode: .hang, endpoint: "/health")])
        let port = try await backend.start()
        #expect(await RawHTTPClient.isListening(port: port))
        async let hung = RawHTTPClient.request(port: port, path: "/health", timeout: 10)
        async let stream = RawHTTPClient.request(port: port, path: "/logs", timeout: 10)
        try await Task.sleep(for: .milliseconds(300))
        let clock = ContinuousClock()
        let began = clock.now
        await backend.stop()
        #expect(clock.now - began < .seconds(10))
        #expect(try await hung.ending == .closed)
        #expect(try await stream.ending == .closed)
        #expect(await !RawHTTPClient.isListening(port: port))
        // The same port can be bound again at once.
        let again = DemoBackend(port: port)
        #expect(try await again.start() == port)
        await again.stop()
    }
}
