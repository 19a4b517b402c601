import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TelltaleCore

/// Polls health endpoints on a fixed interval and reports each outcome as a `HealthResult`.
///
/// A deploy check must see a hung backend as a timeout at the configured deadline, a down
/// backend as "refused" at once, and must never pile up requests against a struggling
/// service: so each endpoint has at most one request in flight, and every request has one hard
/// deadline covering connect, head and body.
public final class HealthPoller: Sendable {
    public let endpoints: [HealthEndpoint]
    public let tls: TLSOptions
    private let environment: [String: String]

    /// - Parameters:
    ///   - endpoints: What to poll.
    ///   - tls: Certificate verification settings for HTTPS endpoints.
    ///   - environment: Variables for `${VAR}` references in headers.
    public init(endpoints: [HealthEndpoint], tls: TLSOptions, environment: [String: String]) {
        self.endpoints = endpoints
        self.tls = tls
        self.environment = environment
    }

    /// Polls every endpoint until the task is cancelled, then shuts the client down.
    ///
    /// Each endpoint polls at its own interval, measured from the start of one request to the
    /// start of the next; a request that takes longer than the interval delays the next one
    /// instead of overlapping it. `emit` is called on the client's event loop.
    public func run(_ emit: @escaping @Sendable (HealthResult) -> Void) async {
        let client = makeClient(for: endpoints)
        let loops = endpoints.map { endpoint in
            let eventLoop = client.eventLoopGroup.next()
            let template = RequestTemplate(endpoint)
            return EndpointPollLoop(
                endpoint: endpoint, eventLoop: eventLoop,
                startExchange: { self.exchange(endpoint, template, client: client, on: eventLoop) },
                emit: emit)
        }
        for loop in loops { loop.start() }
        await Self.untilCancelled()
        for loop in loops { try? await loop.stop().get() }
        try? await client.shutdown()
    }

    /// Makes one request to `endpoint` with a client of its own, and reports the outcome.
    public func pollOnce(_ endpoint: HealthEndpoint) async -> HealthResult {
        let client = makeClient(for: [endpoint])
        let eventLoop = client.eventLoopGroup.next()
        let result = try? await eventLoop.flatSubmit {
            self.exchange(endpoint, RequestTemplate(endpoint), client: client, on: eventLoop).result
        }.get()
        try? await client.shutdown()
        return result ?? HealthResult(
            endpoint: endpoint.name, time: Date().timeIntervalSince1970, status: nil, latency: 0, body: "",
            error: .other("the poll was abandoned"))
    }

    /// Returns when the calling task is cancelled, having slept until then.
    private static func untilCancelled() async {
        let (stream, continuation) = AsyncStream<Never>.makeStream()
        await withTaskCancellationHandler {
            for await _ in stream {}
        } onCancel: {
            continuation.finish()
        }
    }

    // MARK: - Polling

    private func makeClient(for endpoints: [HealthEndpoint]) -> HTTPClient {
        HTTPClientFactory.makeClient(
            tls: tls, connectTimeout: endpoints.map(\.timeout).max() ?? 5)
    }

    /// What every poll of one endpoint sends alike, worked out once: an idle dashboard
    /// polls each endpoint every few seconds for hours, and parsing its URL twice a poll
    /// (the host for messages, the request) was a tenth of a poll's own CPU.
    struct RequestTemplate: Sendable {
        /// The host named in failure messages.
        let host: String
        /// The whole request when it has no header to resolve (a `${VAR}` or a token
        /// file is read afresh each poll); nil then, or when it cannot be built (each
        /// poll reports why).
        let fixed: HTTPClient.Request?

        init(_ endpoint: HealthEndpoint) {
            host = URL(string: endpoint.url)?.host ?? endpoint.url
            fixed = endpoint.headers.isEmpty ? try? HealthPoller.request(endpoint, headers: HealthPoller.baseHeaders) : nil
        }
    }

    /// Headers every poll sends.
    static var baseHeaders: HTTPHeaders { ["User-Agent": "telltale"] }

    static func request(_ endpoint: HealthEndpoint, headers: HTTPHeaders) throws -> HTTPClient.Request {
        try HTTPClient.Request(url: endpoint.url, method: HTTPMethod(rawValue: endpoint.method.uppercased()), headers: headers)
    }

    /// Starts one request on `eventLoop`, bounded by the endpoint's deadline. Its result
    /// never fails: every way a poll can go wrong is a `HealthResult` with an error.
    private func exchange(
        _ endpoint: HealthEndpoint, _ template: RequestTemplate, client: HTTPClient, on eventLoop: any EventLoop
    ) -> EndpointPollLoop.Exchange {
        let wallStart = Date().timeIntervalSince1970
        let start = NIODeadline.now()
        @Sendable func result(_ error: HealthError?, status: Int?, body: String) -> HealthResult {
            let latency = Double((NIODeadline.now() - start).nanoseconds) / 1e9
            return HealthResult(
                endpoint: endpoint.name, time: wallStart, status: status, latency: latency,
                body: body, error: error)
        }

        let host = template.host
        let timeout = endpoint.timeout
        let request: HTTPClient.Request
        if let fixed = template.fixed {
            request = fixed
        } else {
            do {
                let headers = try resolveHeaders(endpoint)
                do {
                    request = try Self.request(endpoint, headers: headers)
                } catch {
                    let failed = result(HealthErrorClassifier.classify(error, host: host, timeout: timeout), status: nil, body: "")
                    return .init(task: nil, result: eventLoop.makeSucceededFuture(failed))
                }
            } catch {
                return .init(task: nil, result: eventLoop.makeSucceededFuture(
                    result(.other(String(describing: error)), status: nil, body: "")))
            }
        }

        let collector = HealthBodyCollector(maxBodyBytes: endpoint.maxBodyBytes)
        let budget = TimeAmount.milliseconds(Int64((timeout * 1000).rounded()))
        let task = client.execute(
            request: request, delegate: collector, eventLoop: .delegate(on: eventLoop),
            deadline: start + budget)
        // The hard deadline: AsyncHTTPClient's own deadline stops at the response head,
        // so a server trickling its body would otherwise hold the poll forever.
        let hardDeadline = eventLoop.scheduleTask(deadline: start + budget) {
            collector.timedOut = true
            task.fail(reason: HTTPClientError.deadlineExceeded)
        }
        let outcome = task.futureResult.hop(to: eventLoop).map { _ in
            result(nil, status: collector.status ?? 0, body: collector.bodyText)
        }.recover { error in
            if collector.timedOut {
                return result(.timeout(timeout), status: nil, body: "")
            }
            if collector.overflowed {
                return result(.bodyTooLarge(endpoint.maxBodyBytes), status: collector.status, body: collector.bodyText)
            }
            return result(
                HealthErrorClassifier.classify(error, host: host, timeout: timeout),
                status: collector.status, body: collector.bodyText)
        }
        outcome.whenComplete { _ in hardDeadline.cancel() }
        return .init(task: task, result: outcome)
    }

    /// The request's headers, `${VAR}` and file references resolved (afresh each poll: a
    /// token file may be rewritten while the watch runs).
    private func resolveHeaders(_ endpoint: HealthEndpoint) throws -> HTTPHeaders {
        var headers = Self.baseHeaders
        for spec in endpoint.headers {
            let header = try spec.resolve(environment: environment, readFile: Self.readFile)
            headers.replaceOrAdd(name: header.name, value: header.value)
        }
        return headers
    }

    private static func readFile(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }
}
