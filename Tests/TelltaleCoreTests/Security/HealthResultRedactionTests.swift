import Testing
@testable import TelltaleCore

/// Health bodies are backend text too: what a failing backend says about its
/// own configuration must not reach the screen, the report or a recording.
@Suite("Health result redaction")
struct HealthResultRedactionTests {
    @Test(arguments: [
        ("Startup failed: postgres://app:x@db password=hunter2 timeout", "Startup failed: postgres://app:x@db password=[REDACTED] timeout"),
        (#"{"status":"unhealthy","detail":"auth failed","token":"tok-123"}"#, #"{"status":"unhealthy","detail":"auth failed","token":"[REDACTED]"}"#),
        ("upstream said Authorization: Bearer eyJhbGciOi.eyJzdWIi.sig", "upstream said Authorization: [REDACTED]"),
        (#"{"status":"healthy"}"#, #"{"status":"healthy"}"#),
    ])
    func bodyIsRedacted(body: String, expected: String) {
        let result = HealthResult(endpoint: "/health", time: 1, status: 503, latency: 0.2, body: body)
        let redacted = Redactor().redact(result)
        #expect(redacted.body == expected)
        #expect(redacted.endpoint == "/health")
        #expect(redacted.status == 503)
        #expect(redacted.latency == 0.2)
    }

    @Test func errorTextIsRedactedAndOtherErrorsKept() {
        let other = HealthResult(endpoint: "/h", time: 1, error: .other("proxy refused api_key=k-42"))
        #expect(Redactor().redact(other).error == .other("proxy refused api_key=[REDACTED]"))
        let tls = HealthResult(endpoint: "/h", time: 1, error: .tls("handshake with secret=abc failed"))
        #expect(Redactor().redact(tls).error == .tls("handshake with secret=[REDACTED] failed"))
        let timeout = HealthResult(endpoint: "/h", time: 1, error: .timeout(5))
        #expect(Redactor().redact(timeout) == timeout)
    }

    @Test func configuredPatternsApplyToBodies() throws {
        let redactor = Redactor(extraPatterns: [try RedactionPattern(#"session=(?<secret>\w+)"#, file: "c.yaml")])
        let result = HealthResult(endpoint: "/h", time: 1, status: 500, body: "bad session=deadbeef")
        #expect(redactor.redact(result).body == "bad session=[REDACTED]")
    }
}
