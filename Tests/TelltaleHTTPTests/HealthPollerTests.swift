import Foundation
import NIOHTTP1
import TelltaleCore
import Testing
import TelltaleHTTP

/// The poller against real servers on 127.0.0.1: well-behaved ones on SwiftNIO, misbehaving
/// ones on raw sockets.
@Suite("HealthPoller", .serialized)
struct HealthPollerTests {
    static let healthy = #"{"status":"healthy","service":"netra-ai-platform","version":"1.0.0","timestamp":1757939142.318}"#
    static let startupFailed = #"{"status":"unhealthy","message":"Startup failed: Database initialization timeout after 8.0s in staging environment. This may indicate Cloud SQL connection issues. Check POSTGRES_HOST configuration and Cloud SQL instance accessibility.","startup_failed":true}"#
    static let platform503 = "The request failed because either the HTTP response was malformed or connection to the instance had an error. Additional troubleshooting documentation can be found at: https://cloud.google.com/run/docs/troubleshooting#malformed-response-or-connection-error"

    static func poller(environment: [String: String] = [:]) -> HealthPoller {
        HealthPoller(endpoints: [], tls: .init(), environment: environment)
    }

    @Test(
        "an answer is reported with status and body, whatever the status",
        arguments: [
            (HTTPResponseStatus.ok, "application/json", healthy),
            (.serviceUnavailable, "application/json", startupFailed),
            (.serviceUnavailable, "text/plain", platform503),
            (.internalServerError, "text/html", "<html><head><title>500 Internal Server Error</title></head><body></body></html>"),
            (.badGateway, "text/html", "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"),
            (.serviceUnavailable, "application/json", ""),
            (.ok, "application/json", "{\"status\": \"healthy\""),
        ])
    func answered(status: HTTPResponseStatus, contentType: String, body: String) async throws {
        let server = try await CannedHTTPServer { _ in
            .init(status: status, headers: [("Content-Type", contentType)], body: body)
        }
        let result = await Self.poller().pollOnce(
            HealthEndpoint(name: "/health", url: server.baseURL + "/health", timeout: 2))
        await server.stop()
        #expect(result.endpoint == "/health")
        #expect(result.status == Int(status.code))
        #expect(result.body == body)
        #expect(result.error == nil)
        #expect(result.latency > 0 && result.latency < 2)
        #expect(abs(result.time - Date().timeIntervalSince1970) < 10)
    }

    @Test("HEAD gets the status and no body")
    func head() async throws {
        let server = try await CannedHTTPServer { _ in .init(status: .ok, body: Self.healthy) }
        let result = await Self.poller().pollOnce(
            HealthEndpoint(name: "h", url: server.baseURL + "/health", method: "HEAD", timeout: 2))
        await server.stop()
        #expect(result.status == 200)
        #expect(result.body == "")
        #expect(result.error == nil)
        #expect(server.requests.first?.method == .HEAD)
    }

    @Test("a server that accepts and never answers times out at the endpoint's deadline")
    func neverAnswers() async throws {
        let server = try ScriptedSocketServer { connection, _ in
            connection.waitForPeerClose()
        }
        defer { server.stop() }
        let result = await Self.poller().pollOnce(
            HealthEndpoint(name: "hang", url: server.baseURL + "/health", timeout: 0.5))
        #expect(result.error == .timeout(0.5))
        #expect(result.status == nil)
        #expect(result.latency >= 0.45 && result.latency < 1.5)
    }

    @Test("headers then a body trickled past the deadline is a timeout, not a wait")
    func trickledBody() async throws {
        let server = try ScriptedSocketServer { connection, _ in
            connection.readRequestHead()
            guard connection.write("HTTP/1.1 200 OK\r\nContent-Length: 200\r\n\r\n") else { return }
            for _ in 0..<200 {
                guard connection.write("x") else { return }
                connection.pause(0.05)
            }
        }
        defer { server.stop() }
        let result = await Self.poller().pollOnce(
            HealthEndpoint(name: "slow", url: server.baseURL + "/health", timeout: 0.5))
        #expect(result.error == .timeout(0.5))
        #expect(result.latency >= 0.45 && result.latency < 1.5)
    }

    @Test("an answer just under the deadline is a success")
    func justInTime() async throws {
        let server = try ScriptedSocketServer { connection, _ in
            connection.readRequestHead()
            connection.pause(0.4)
            let body = Self.healthy
            connection.write(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
            )
        }
        defer { server.stop() }
        let result = await Self.poller().pollOnce(
            HealthEndpoint(name: "h", url: server.baseURL + "/health", timeout: 1.0))
        #expect(result.error == nil)
        #expect(result.status == 200)
        #expect(result.body == Self.healthy)
        #expect(result.latency >= 0.38 && result.latency < 1.0)
    }

    @Test("a body over the cap is reported, with the capped prefix")
    func bodyTooLarge() async throws {
        let big = String(repeating: "0123456789", count: 500)
        let server = try await CannedHTTPServer { _ in .init(status: .ok, body: big) }
        let result = await Self.poller().pollOnce(
            HealthEndpoint(name: "big", url: server.baseURL + "/", timeout: 2, maxBodyBytes: 1000))
        await server.stop()
        #expect(result.error == .bodyTooLarge(1000))
        #expect(result.status == 200)
        #expect(result.body == String(big.prefix(1000)))
    }

    @Test("a 100 MiB body stops at the default 64 KiB cap instead of being read whole")
    func hundredMebibyteBody() async throws {
        let huge = String(repeating: "x", count: 100 << 20)
        let server = try await CannedHTTPServer { _ in .init(status: .serviceUnavailable, body: huge) }
        let result = await Self.poller().pollOnce(HealthEndpoint(name: "huge", url: server.baseURL + "/", timeout: 10))
        await server.stop()
        #expect(result.error == .bodyTooLarge(64 * 1024))
        #expect(result.status == 503)
        #expect(result.body.utf8.count == 64 * 1024)
        #expect(result.latency < 10, "stopped at the cap, not at the deadline")
    }

    @Test("a refused connection is reported at once, not retried until the deadline")
    func refused() async throws {
        let port = try ScriptedSocketServer.closedPort()
        let result = await Self.poller().pollOnce(
            HealthEndpoint(name: "down", url: "http://127.0.0.1:\(port)/health", timeout: 3))
        #expect(result.error == .connectionRefused)
        #expect(result.latency < 1)
    }

    @Test("an unknown host is a DNS failure naming the host")
    func unknownHost() async {
        let result = await Self.poller().pollOnce(
            HealthEndpoint(name: "dns", url: "http://nonexistent.invalid/health", timeout: 3))
        #expect(result.error == .dnsFailure("nonexistent.invalid"))
        #expect(result.latency < 2.5)
    }

    @Test("redirect loops and endless redirects stop after five hops", arguments: [true, false])
    func redirectLoop(cycle: Bool) async throws {
        let server = try await CannedHTTPServer { head in
            let hop = Int(head.uri.split(separator: "/").last ?? "0") ?? 0
            let next = cycle ? (hop + 1) % 2 : hop + 1
            return .init(status: .found, headers: [("Location", "/hop/\(next)")])
        }
        let result = await Self.poller().pollOnce(
            HealthEndpoint(name: "loop", url: server.baseURL + "/hop/0", timeout: 2))
        await server.stop()
        #expect(result.error == .redirectLoop)
        #expect(server.requests.count <= 6)
    }

    @Test("a reset mid-body is a connection reset")
    func resetMidBody() async throws {
        let server = try ScriptedSocketServer { connection, _ in
            connection.readRequestHead()
            connection.write("HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n{\"status\":")
            connection.pause(0.05)
            connection.reset()
        }
        defer { server.stop() }
        let result = await Self.poller().pollOnce(
            HealthEndpoint(name: "reset", url: server.baseURL + "/health", timeout: 2))
        #expect(result.error == .connectionReset)
        #expect(result.latency < 1.5)
    }

    @Test("polls at the interval, and a hanging endpoint never has two requests in flight")
    func intervalAndOneInFlight() async throws {
        let fast = try await CannedHTTPServer { _ in .init(status: .ok, body: Self.healthy) }
        let hanging = try ScriptedSocketServer { connection, _ in
            connection.waitForPeerClose()
        }
        defer { hanging.stop() }
        let poller = HealthPoller(
            endpoints: [
                HealthEndpoint(name: "fast", url: fast.baseURL + "/health", interval: 0.2, timeout: 1),
                HealthEndpoint(name: "hang", url: hanging.baseURL + "/health", interval: 0.1, timeout: 0.4),
            ],
            tls: .init(), environment: [:])
        let results = EventRecorder<HealthResult>()
        let task = Task { await poller.run { results.append($0) } }
        try await Task.sleep(for: .milliseconds(1300))
        task.cancel()
        await task.value
        await fast.stop()

        let fastResults = results.all.filter { $0.endpoint == "fast" }
        let hangResults = results.all.filter { $0.endpoint == "hang" }
        // 1.3 s at 0.2 s: polls at 0, 0.2, ... 1.2.
        #expect((5...8).contains(fastResults.count))
        #expect(fastResults.allSatisfy { $0.status == 200 })
        let starts = fastResults.map(\.time)
        for (earlier, later) in zip(starts, starts.dropFirst()) {
            #expect(later - earlier >= 0.15 && later - earlier < 0.45)
        }
        // Each 0.4 s timeout delays the next poll: at most 4 requests in 1.3 s, never 13.
        #expect((2...4).contains(hangResults.count))
        #expect(hangResults.allSatisfy { $0.error == .timeout(0.4) })
        #expect(hanging.acceptedConnections <= hangResults.count + 1)
    }

    @Test("stopping the poller ends a request still waiting on its deadline, and reports nothing after")
    func stopCancelsTheRequestInFlight() async throws {
        let hanging = try ScriptedSocketServer { connection, _ in
            connection.waitForPeerClose()
        }
        defer { hanging.stop() }
        let poller = HealthPoller(
            endpoints: [HealthEndpoint(name: "hang", url: hanging.baseURL + "/health", interval: 0.1, timeout: 30)],
            tls: .init(), environment: [:])
        let results = EventRecorder<HealthResult>()
        let task = Task { await poller.run { results.append($0) } }
        try await Task.sleep(for: .milliseconds(300))
        let stopping = ContinuousClock.now
        task.cancel()
        await task.value
        // The request had 29.7 s left: the run must end with it cancelled, not wait it out.
        #expect(ContinuousClock.now - stopping < .seconds(2))
        try await Task.sleep(for: .milliseconds(200))
        #expect(results.all.isEmpty)
        #expect(hanging.acceptedConnections == 1)
    }

    @Test("a ${VAR} header reaches the server while its description stays redacted")
    func headerExpansion() async throws {
        let server = try await CannedHTTPServer { _ in .init(status: .ok, body: "{}") }
        let spec = try HeaderSpec(parsing: "Authorization: Bearer ${HEALTH_TOKEN}")
        let poller = HealthPoller(
            endpoints: [], tls: .init(), environment: ["HEALTH_TOKEN": "t0p-s3cret"])
        let result = await poller.pollOnce(
            HealthEndpoint(name: "auth", url: server.baseURL + "/health", headers: [spec], timeout: 2))
        await server.stop()
        #expect(result.status == 200)
        #expect(server.requests.first?.headers["Authorization"] == ["Bearer t0p-s3cret"])
        #expect(spec.description == "Authorization: <redacted>")
    }

    @Test("an unset header variable fails the poll, naming the variable, sending nothing")
    func unsetVariable() async throws {
        let server = try await CannedHTTPServer { _ in .init(status: .ok) }
        let spec = try HeaderSpec(parsing: "Authorization: Bearer ${HEALTH_TOKEN}")
        let result = await Self.poller(environment: [:]).pollOnce(
            HealthEndpoint(name: "auth", url: server.baseURL + "/health", headers: [spec], timeout: 2))
        await server.stop()
        guard case .other(let why) = result.error else {
            Issue.record("expected .other, got \(String(describing: result.error))")
            return
        }
        #expect(why.contains("HEALTH_TOKEN"))
        #expect(result.status == nil)
        #expect(server.requests.isEmpty)
    }
}
