import Foundation
import TelltaleCore
import TelltaleHTTP
import Testing

/// HTTPS against a server with a self-signed certificate for 127.0.0.1 (a fixture valid for
/// a century), so verification, a private CA and `insecure` are all exercised.
@Suite("HealthPoller TLS", .serialized)
struct HealthPollerTLSTests {
    static func fixture(_ name: String) throws -> String {
        try #require(Bundle.module.path(forResource: name, ofType: "pem", inDirectory: "Fixtures"))
    }

    @Test("verification is on by default; a CA file or insecure lets the poll through", arguments: [
        "default", "caFile", "insecure",
    ])
    func verification(mode: String) async throws {
        let certificate = try Self.fixture("localhost-cert")
        let server = try await CannedHTTPServer(
            certificate: certificate, privateKey: try Self.fixture("localhost-key")
        ) { _ in .init(status: .ok, body: "{}") }
        let tls: TLSOptions =
            switch mode {
            case "caFile": TLSOptions(caFile: certificate)
            case "insecure": TLSOptions(insecure: true)
            default: TLSOptions()
            }
        let poller = HealthPoller(endpoints: [], tls: tls, environment: [:])
        let result = await poller.pollOnce(
            HealthEndpoint(name: "tls", url: server.baseURL + "/health", timeout: 3))
        await server.stop()
        #expect(server.baseURL.hasPrefix("https://"))
        if mode == "default" {
            #expect(result.error == .tls("certificate verify failed"))
            #expect(result.status == nil)
        } else {
            #expect(result.error == nil)
            #expect(result.status == 200)
        }
    }

    @Test("a trusted certificate for another host name is refused")
    func wrongHostName() async throws {
        // Self-signed for wrong.example only, and given as the CA: the chain is
        // trusted, so only the name check can refuse it.
        let certificate = try Self.fixture("wronghost-cert")
        let server = try await CannedHTTPServer(
            certificate: certificate, privateKey: try Self.fixture("wronghost-key")
        ) { _ in .init(status: .ok, body: "{}") }
        let poller = HealthPoller(endpoints: [], tls: TLSOptions(caFile: certificate), environment: [:])
        let result = await poller.pollOnce(HealthEndpoint(name: "tls", url: server.baseURL + "/health", timeout: 3))
        await server.stop()
        #expect(result.status == nil)
        guard case .tls(let reason)? = result.error else {
            Issue.record("expected a TLS error, got \(String(describing: result.error))")
            return
        }
        #expect(!reason.isEmpty)
        #expect(result.error?.reason.contains("TLS") == true || result.error?.reason.contains("tls") == true)
    }

    @Test("HTTPS to a plain HTTP server is a TLS error, quickly")
    func httpsToPlainServer() async throws {
        let server = try await CannedHTTPServer { _ in .init(status: .ok) }
        let result = await HealthPollerTests.poller().pollOnce(
            HealthEndpoint(
                name: "tls", url: "https://127.0.0.1:\(server.port)/health", timeout: 3))
        await server.stop()
        #expect(result.error == .tls("wrong version number"))
        #expect(result.latency < 2)
    }
}
