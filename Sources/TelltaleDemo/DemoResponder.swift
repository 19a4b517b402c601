import Foundation
import Hummingbird

/// Answers every request of the demo backend: health, log streams and the control endpoints,
/// applying whatever fault is switched on for the path.
struct DemoResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let timeline: DemoTimeline
    let faults: DemoFaultBoard
    let keepAliveInterval: Duration

    func respond(to request: Request, context: Context) async throws -> Response {
        let path = request.uri.path
        switch (request.method, path) {
        case (.post, "/control/fault"):
            return controlFault(request)
        case (.get, "/control/state"):
            return controlState()
        case (.get, "/logs"), (.get, "/logs/sse"):
            let fault = faults.fault(for: path)
            if let broken = try await faultResponse(fault, normal: nil) { return broken }
            let wantsEvents = path == "/logs/sse" || (request.headers[.accept] ?? "").contains("text/event-stream")
            // Found by its lowercase canonical name, the form HTTP field names compare in.
            let lastEventID = request.headers.first { $0.name.canonicalName == "last-event-id" }
                .flatMap { Int($0.value.trimmingCharacters(in: .whitespaces)) }
            let stream = DemoLogStream(
                timeline: timeline, asEvents: wantsEvents, startIndex: lastEventID.map { $0 + 1 } ?? 0,
                fault: fault, keepAliveInterval: keepAliveInterval)
            return stream.response()
        case (.get, _):
            guard let normal = timeline.phase.healthResponse(for: path, logTime: timeline.logNow) else {
                return Self.text(404, "Not Found\n")
            }
            if let broken = try await faultResponse(faults.fault(for: path), normal: normal) { return broken }
            return Self.response(normal)
        default:
            return Self.text(405, "Method Not Allowed\n")
        }
    }

    // MARK: - Faults

    /// The misbehaving answer for a fault, or nil when the request should be served normally
    /// (no fault, or a stream fault the log stream applies itself).
    private func faultResponse(_ fault: DemoFault, normal: DemoHealthResponse?) async throws -> Response? {
        switch fault {
        case .none, .flood:
            return nil
        case .drop:
            guard let normal else { return nil }
            // A single answer cut halfway: the client sees a body shorter than announced.
            let bytes = Array(normal.body.utf8)
            let half = ByteBuffer(bytes: bytes.prefix(max(1, bytes.count / 2)))
            return Response(
                status: .init(code: normal.status), headers: [.contentType: normal.contentType],
                body: ResponseBody(contentLength: bytes.count) { writer in
                    try await writer.write(half)
                    throw DemoConnectionCut()
                })
        case .hang:
            // Never answer: wait until the server stops and cancels the request.
            while true { try await Task.sleep(for: .seconds(3600)) }
        case .trickle:
            // A log stream trickles its own lines (see `DemoLogStream`).
            guard let normal else { return nil }
            let body = Array(normal.body.utf8)
            return Response(
                status: .init(code: normal.status), headers: [.contentType: normal.contentType],
                body: ResponseBody(contentLength: body.count) { writer in
                    for byte in body {
                        try await writer.write(ByteBuffer(bytes: [byte]))
                        try await Task.sleep(for: .seconds(1))
                    }
                    try await writer.finish(nil)
                })
        case .error500:
            return Self.text(500, Self.errorPage, contentType: "text/html; charset=utf-8")
        case .garbage:
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: Self.garbageBytes)))
        case .platform503:
            return Self.text(503, Self.platformUnavailable, contentType: "text/plain; charset=utf-8")
        }
    }

    private static let errorPage = """
        <!DOCTYPE html>
        <html><head><title>500 Internal Server Error</title></head>
        <body><h1>Internal Server Error</h1><p>The server encountered an internal error and was unable to complete your request.</p></body></html>

        """

    /// Cloud Run's answer when the container cannot be reached.
    private static let platformUnavailable = "The request failed because either the HTTP response was malformed or connection to the instance had an error. Additional troubleshooting documentation can be found at: https://cloud.google.com/run/docs/troubleshooting#malformed-response-or-connection-error\n"

    /// Starts like JSON, then breaks both JSON and UTF-8 (a lone continuation byte, an
    /// invalid lead byte and a truncated sequence).
    private static let garbageBytes: [UInt8] = Array("{\"status\":\"hea".utf8) + [0x80, 0xFF, 0xFE, 0xC3, 0x28, 0x00] + Array("<<garbage>>".utf8) + [0xE2, 0x82]

    // MARK: - Control

    private func controlFault(_ request: Request) -> Response {
        let parameters = request.uri.queryParameters
        guard let modeText = parameters["mode"], let mode = DemoFault(rawValue: String(modeText)) else {
            let modes = DemoFault.allCases.map(\.rawValue).joined(separator: ", ")
            return Self.text(400, "mode must be one of: \(modes)\n")
        }
        let endpoint = parameters["endpoint"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        faults.apply(DemoFaultRule(mode: mode, endpoint: endpoint))
        return controlState()
    }

    private func controlState() -> Response {
        let now = timeline.simulatedNow
        let state = DemoControlState(
            phase: timeline.script.phase(at: now).rawValue,
            simulatedTime: now,
            speed: timeline.speed,
            lineCount: timeline.lineCount,
            revision: timeline.script.revision(at: now),
            faults: faults.current)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let body = (try? encoder.encode(state)) ?? Data("{}".utf8)
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    // MARK: - Helpers

    private static func response(_ health: DemoHealthResponse) -> Response {
        text(health.status, health.body, contentType: health.contentType)
    }

    private static func text(_ status: Int, _ body: String, contentType: String = "text/plain; charset=utf-8") -> Response {
        Response(
            status: .init(code: status), headers: [.contentType: contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
