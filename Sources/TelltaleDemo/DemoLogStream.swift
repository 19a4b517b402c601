import Hummingbird

/// One client's log stream: the backlog first, then new lines as simulated time advances,
/// as NDJSON or as Server-Sent Events.
///
/// It also plays the stream faults: `drop` cuts the connection in the middle of a line
/// every few lines, `flood` pours INFO lines as fast as the client reads them, `trickle`
/// sends the stream one byte a second.
struct DemoLogStream {
    let timeline: DemoTimeline
    /// Server-Sent Events (`id:`/`data:` and keep-alive comments) instead of NDJSON.
    let asEvents: Bool
    /// Index of the first line to send (one after a client's `Last-Event-ID`).
    let startIndex: Int
    let fault: DemoFault
    let keepAliveInterval: Duration

    /// Whole lines sent before a `drop` fault cuts the connection.
    static let linesBeforeDrop = 5
    private static let pollInterval = Duration.milliseconds(50)

    func response() -> Response {
        let contentType = asEvents ? "text/event-stream" : "application/x-ndjson"
        return Response(
            status: .ok,
            headers: [.contentType: contentType, .cacheControl: "no-cache"],
            body: ResponseBody { writer in
                try await run(&writer)
            })
    }

    private func run(_ writer: inout any ResponseBodyWriter) async throws {
        let clock = ContinuousClock()
        var next = startIndex
        var sentSinceConnect = 0
        var lastWrite = clock.now
        var flood = DemoFloodLines(script: timeline.script)
        while true {
            try Task.checkCancellation()
            let batch = timeline.lines(from: next)
            next = batch.firstIndex
            let lines = batch.lines
            if fault == .drop, let cut = lines.indices.first(where: { sentSinceConnect + $0 >= Self.linesBeforeDrop }) {
                var text = ""
                for (offset, line) in lines[..<cut].enumerated() { text += frame(line, index: next + offset) }
                let victim = frame(lines[cut], index: next + cut)
                text += String(victim.prefix(victim.count / 2))
                try await writer.write(ByteBuffer(string: text))
                throw DemoConnectionCut()
            }
            if !lines.isEmpty {
                var text = ""
                for (offset, line) in lines.enumerated() { text += frame(line, index: next + offset) }
                try await send(text, to: &writer)
                next += lines.count
                sentSinceConnect += lines.count
                lastWrite = clock.now
            }
            if fault == .flood {
                try await writer.write(ByteBuffer(string: flood.batch(at: timeline.simulatedNow).map { frame($0, index: nil) }.joined()))
                lastWrite = clock.now
                continue
            }
            if asEvents && clock.now - lastWrite >= keepAliveInterval {
                try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                lastWrite = clock.now
            }
            if lines.isEmpty { try await Task.sleep(for: Self.pollInterval) }
        }
    }

    private func send(_ text: String, to writer: inout any ResponseBodyWriter) async throws {
        guard fault == .trickle else {
            try await writer.write(ByteBuffer(string: text))
            return
        }
        for byte in text.utf8 {
            try await writer.write(ByteBuffer(bytes: [byte]))
            try await Task.sleep(for: .seconds(1))
        }
    }

    /// A line as NDJSON, or as an SSE event carrying its index (flood lines carry none, as
    /// they are not part of the story a client could resume).
    private func frame(_ line: String, index: Int?) -> String {
        guard asEvents else { return line + "\n" }
        guard let index else { return "data: \(line)\n\n" }
        return "id: \(index)\ndata: \(line)\n\n"
    }
}
