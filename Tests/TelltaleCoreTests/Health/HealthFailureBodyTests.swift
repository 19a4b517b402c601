import Testing
@testable import TelltaleCore

/// Failing health answers of every common kind get a state and a reason a
/// person can read at a glance: the fault matrix's "500/502/503 with HTML,
/// JSON and empty bodies" and "invalid JSON".
@Suite("health failure bodies")
struct HealthFailureBodyTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var status: Int
        var body: String
        var state: HealthState
        var reason: String
        var testDescription: String { "\(status) \(body.prefix(30))" }
    }

    static let cases: [Case] = [
        Case(status: 500, body: "<!DOCTYPE html>\n<html><head><title>500 Internal Server Error</title></head><body><h1>Oops</h1></body></html>",
             state: .down, reason: "500: 500 Internal Server Error"),
        Case(status: 502, body: "<html>\r\n<head><TITLE>502 Bad Gateway</TITLE></head>\r\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>",
             state: .down, reason: "502: 502 Bad Gateway"),
        Case(status: 503, body: "<html><body><p>Service <b>unavailable</b></p>\n<p>try later</p></body></html>",
             state: .down, reason: "503: Service unavailable try later"),
        Case(status: 503, body: #"{"status":"unhealthy","message":"Startup failed: Database initialization timeout after 8.0s"}"#,
             state: .down, reason: "503: Startup failed: Database initialization timeout after 8.0s"),
        Case(status: 500, body: #"{"detail":"Internal Server Error"}"#, state: .down, reason: "500: Internal Server Error"),
        Case(status: 502, body: "", state: .down, reason: "502: empty body"),
        Case(status: 503, body: "   \n", state: .down, reason: "503: empty body"),
        Case(status: 503, body: "{\"status\": \"unheal", state: .down, reason: "503: {\"status\": \"unheal"),
        Case(status: 200, body: "{\"status\": \"healthy\"", state: .healthy, reason: ""),
    ]

    @Test(arguments: cases)
    func stateAndReason(_ c: Case) {
        var tracker = HealthEndpointTracker(name: "/health", policy: .standard())
        let result = HealthResult(endpoint: "/health", time: 100, status: c.status, latency: 0.05, body: c.body)
        _ = tracker.record(result, json: JSONValue.parse(c.body))
        #expect(tracker.state == c.state)
        if c.state == .down {
            #expect(tracker.lastFailure?.reason == c.reason)
        }
    }
}
