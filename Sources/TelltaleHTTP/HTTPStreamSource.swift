import AsyncHTTPClient
import Foundation
import NIOCore
import TelltaleCore

/// A log source that reads a backend's logs from an HTTP response body, NDJSON, text or SSE.
///
/// Log streams drop: proxies cut idle connections, deploys restart the server. With `follow`
/// the source reconnects with exponential backoff and, for SSE, resumes with `Last-Event-ID`.
/// It hands the pipeline only whole lines, so a line cut by a drop is neither half-counted nor
/// counted twice when the server sends it again.
public struct HTTPStreamSource: LogSource {
    /// The URL without credentials or query, which may carry tokens.
    public let name: String
    public let url: String
    public let follow: Bool
    public let headers: [HeaderSpec]
    public let tls: TLSOptions
    private let environment: [String: String]

    /// The first reconnect delay, doubled after each failed attempt.
    static let initialBackoff = 0.5
    /// The longest reconnect delay.
    static let maximumBackoff = 30.0
    /// Seconds allowed from connecting to the response head. Only the head: a log stream may
    /// legitimately stay quiet for minutes once it is open, but a server that never answers
    /// at all should be reported and retried, not waited on forever.
    static let headTimeout = 30.0

    /// - Parameters:
    ///   - url: The stream to GET.
    ///   - follow: Reconnect when the stream ends or drops, instead of ending.
    ///   - headers: Request headers, resolved at each connection.
    ///   - environment: Variables for `${VAR}` references in headers.
    ///   - tls: Certificate verification settings for HTTPS.
    public init(
        url: String, follow: Bool, headers: [HeaderSpec] = [],
        environment: [String: String] = [:], tls: TLSOptions = .init()
    ) {
        self.url = url
        self.follow = follow
        self.headers = headers
        self.environment = environment
        self.tls = tls
        self.name = Self.displayName(of: url)
    }

    public func run(_ emit: @escaping @Sendable (SourceEvent) -> Void) async {
        let client = HTTPClientFactory.makeClient(tls: tls, connectTimeout: 10)
        var parser = ServerSentEventParser()
        var failedAttempts = 0
        while !Task.isCancelled {
            emit(.state(source: name, .connecting))
            let ending = await readOnce(client: client, parser: &parser, emit: emit)
            let reason: String
            switch ending {
            case .cancelled:
                try? await client.shutdown()
                return
            case .closed(let deliveredData):
                guard follow else {
                    emit(.state(source: name, .ended))
                    try? await client.shutdown()
                    return
                }
                failedAttempts = deliveredData ? 0 : failedAttempts + 1
                reason = "stream closed"
            case .failed(let why, let deliveredData, let retryable):
                guard follow, retryable else {
                    emit(.state(source: name, .failed(why)))
                    try? await client.shutdown()
                    return
                }
                failedAttempts = deliveredData ? 0 : failedAttempts + 1
                reason = why
            }
            let delay = Self.backoff(
                afterFailedAttempts: failedAttempts, base: parser.retryDelay ?? Self.initialBackoff)
            emit(.state(
                source: name,
                .reconnecting(at: Date().timeIntervalSince1970 + delay, reason: reason)))
            do {
                try await Task.sleep(for: .milliseconds(Int64((delay * 1000).rounded())))
            } catch {
                break
            }
        }
        try? await client.shutdown()
    }

    /// The delay before the next attempt: `base` after a connection that delivered data,
    /// doubling with each attempt that did not, capped at `maximumBackoff`.
    static func backoff(afterFailedAttempts failures: Int, base: Double) -> Double {
        let exponent = min(max(failures - 1, 0), 16)
        return min(base * Double(1 << exponent), max(maximumBackoff, base))
    }

    // MARK: - One connection

    /// How one connection ended.
    private enum Ending {
        case cancelled
        /// The body ended cleanly.
        case closed(deliveredData: Bool)
        /// No usable response, or the connection broke; `retryable` is false for mistakes in
        /// our own request that another attempt cannot fix.
        case failed(String, deliveredData: Bool, retryable: Bool)
    }

    private func readOnce(
        client: HTTPClient, parser: inout ServerSentEventParser,
        emit: @escaping @Sendable (SourceEvent) -> Void
    ) async -> Ending {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "User-Agent", value: "telltale")
        do {
            for spec in headers {
                let header = try spec.resolve(environment: environment, readFile: Self.readFile)
                request.headers.replaceOrAdd(name: header.name, value: header.value)
            }
        } catch {
            return .failed(String(describing: error), deliveredData: false, retryable: false)
        }
        if !parser.lastEventID.isEmpty {
            request.headers.replaceOrAdd(name: "Last-Event-ID", value: parser.lastEventID)
        }

        var lines = CompleteLineBuffer()
        var isEventStream = false
        var deliveredData = false
        do {
            let response = try await client.execute(
                request, deadline: .now() + .milliseconds(Int64(Self.headTimeout * 1000)))
            guard (200..<300).contains(response.status.code) else {
                return .failed("HTTP \(response.status.code)", deliveredData: false, retryable: true)
            }
            isEventStream =
                response.headers.first(name: "Content-Type")?.lowercased()
                .hasPrefix("text/event-stream") ?? false
            emit(.state(source: name, .reading))
            for try await chunk in response.body {
                let arrival = Date().timeIntervalSince1970
                let bytes: [UInt8]
                if isEventStream {
                    bytes = parser.accept(chunk.readableBytesView).flatMap { Array($0.data.utf8) + [0x0A] }
                } else {
                    bytes = lines.accept(chunk.readableBytesView)
                }
                if !bytes.isEmpty {
                    deliveredData = true
                    emit(.data(source: name, bytes: bytes, arrival: arrival))
                }
            }
        } catch {
            if Task.isCancelled { return .cancelled }
            discardPartial(lines: &lines, parser: &parser, isEventStream: isEventStream, emit: emit)
            let reason = HealthErrorClassifier.classify(
                error, host: URL(string: url)?.host ?? url, timeout: Self.headTimeout
            ).reason
            return .failed(reason, deliveredData: deliveredData, retryable: true)
        }
        if Task.isCancelled { return .cancelled }
        if !isEventStream && !follow {
            // The whole body arrived: its last line is complete even without a newline.
            let rest = lines.flush()
            if !rest.isEmpty {
                emit(.data(source: name, bytes: rest, arrival: Date().timeIntervalSince1970))
            }
        } else {
            discardPartial(lines: &lines, parser: &parser, isEventStream: isEventStream, emit: emit)
        }
        return .closed(deliveredData: deliveredData)
    }

    private func discardPartial(
        lines: inout CompleteLineBuffer, parser: inout ServerSentEventParser, isEventStream: Bool,
        emit: @escaping @Sendable (SourceEvent) -> Void
    ) {
        if isEventStream {
            if parser.hasPartialEvent {
                emit(.note(source: name, text: "discarded partial event at disconnect"))
            }
            parser.resetConnection()
        } else {
            let count = lines.discard()
            if count > 0 {
                emit(.note(
                    source: name, text: "discarded partial line of \(count) bytes at disconnect"))
            }
        }
    }

    private static func readFile(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    /// The URL as shown to people: credentials and the query (where tokens tend to hide)
    /// are left out.
    static func displayName(of url: String) -> String {
        guard var components = URLComponents(string: url), components.host != nil else {
            return url
        }
        components.user = nil
        components.password = nil
        components.query = nil
        components.fragment = nil
        return components.string ?? url
    }
}
