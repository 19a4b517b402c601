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
    /// instead of overlapping it.
    public func run(_ emit: @escaping @Sendable (HealthResult) -> Void) async {
        let client = makeClient(for: endpoints)
        await withTaskGroup(of: Void.self) { group in
            for endpoint in endpoints {
                group.addTask {
                    await self.pollRepeatedly(endpoint, client: client, emit: emit)
                }
            }
        }
        try? await client.shutdown()
    }

    /// Makes one request to `endpoint` with a client of its own, and reports the outcome.
    public func pollOnce(_ endpoint: HealthEndpoint) async -> HealthResult {
        let client = makeClient(for: [endpoint])
        let result = await poll(endpoint, client: client)
        try? await client.shutdown()
        return result
    }

    // MARK: - Polling

    private func makeClient(for endpoints: [HealthEndpoint]) -> HTTPClient {
        HTTPClientFactory.makeClient(
            tls: tls, connectTimeout: endpoints.map(\.timeout).max() ?? 5)
    }

    private func pollRepeatedly(
        _ endpoint: HealthEndpoint, client: HTTPClient,
        emit: @escaping @Sendable (HealthResult) -> Void
    ) async {
        let clock = ContinuousClock()
        let interval = Duration.milliseconds(Int64((max(endpoint.interval, 0.01) * 1000).rounded()))
        var nextStart = clock.now
        while !Task.isCancelled {
            let started = clock.now
            let result = await poll(endpoint, client: client)
            if Task.isCancelled { return }
            emit(result)
            nextStart = max(started + interval, clock.now)
            do {
                try await Task.sleep(until: nextStart, clock: clock)
            } catch {
                return
            }
        }
    }

    /// One request, bounded by the endpoint's deadline.
    private func poll(_ endpoint: HealthEndpoint, client: HTTPClient) async -> HealthResult {
        let clock = ContinuousClock()
        let wallStart = Date().timeIntervalSince1970
        let start = clock.now
        func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
        func failure(_ error: HealthError, status: Int? = nil, body: String = "") -> HealthResult {
            HealthResult(
                endpoint: endpoint.name, time: wallStart, status: status,
                latency: seconds(clock.now - start), body: body, error: error)
        }

        let request: HTTPClientRequest
        do {
            request = try makeRequest(endpoint)
        } catch {
            return failure(.other(String(describing: error)))
        }
        let host = URL(string: endpoint.url)?.host ?? endpoint.url
        let timeout = endpoint.timeout
        let deadline = NIODeadline.now() + .milliseconds(Int64((timeout * 1000).rounded()))

        let outcome = await withTaskGroup(of: ExchangeOutcome?.self) { group in
            group.addTask {
                await Self.exchange(
                    request, client: client, deadline: deadline,
                    maxBodyBytes: endpoint.maxBodyBytes, host: host, timeout: timeout)
            }
            group.addTask {
                // The hard deadline: AsyncHTTPClient's own deadline stops at the response head,
                // so a server trickling its body would otherwise hold the poll forever.
                do {
                    try await Task.sleep(for: .milliseconds(Int64((timeout * 1000).rounded())))
                } catch {
                    return nil
                }
                return .failed(.timeout(timeout), status: nil, body: "")
            }
            var first: ExchangeOutcome? = nil
            while first == nil, let next = await group.next() {
                first = next
            }
            group.cancelAll()
            return first ?? .failed(.timeout(timeout), status: nil, body: "")
        }

        let latency = seconds(clock.now - start)
        switch outcome {
        case .answered(let status, let body):
            return HealthResult(
                endpoint: endpoint.name, time: wallStart, status: status, latency: latency,
                body: body)
        case .failed(let error, let status, let body):
            return HealthResult(
                endpoint: endpoint.name, time: wallStart, status: status, latency: latency,
                body: body, error: error)
        }
    }

    private func makeRequest(_ endpoint: HealthEndpoint) throws -> HTTPClientRequest {
        var request = HTTPClientRequest(url: endpoint.url)
        request.method = HTTPMethod(rawValue: endpoint.method.uppercased())
        request.headers.add(name: "User-Agent", value: "telltale")
        for spec in endpoint.headers {
            let header = try spec.resolve(environment: environment, readFile: Self.readFile)
            request.headers.replaceOrAdd(name: header.name, value: header.value)
        }
        return request
    }

    private static func readFile(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    /// What one exchange produced, before latency is attached.
    private enum ExchangeOutcome: Sendable {
        case answered(status: Int, body: String)
        case failed(HealthError, status: Int?, body: String)
    }

    private static func exchange(
        _ request: HTTPClientRequest, client: HTTPClient, deadline: NIODeadline,
        maxBodyBytes: Int, host: String, timeout: Double
    ) async -> ExchangeOutcome {
        var status: Int? = nil
        var bytes: [UInt8] = []
        do {
            let response = try await client.execute(request, deadline: deadline)
            status = Int(response.status.code)
            for try await chunk in response.body {
                let room = maxBodyBytes - bytes.count
                if chunk.readableBytes > room {
                    bytes += chunk.readableBytesView.prefix(room)
                    return .failed(
                        .bodyTooLarge(maxBodyBytes), status: status,
                        body: String(decoding: bytes, as: UTF8.self))
                }
                bytes += chunk.readableBytesView
            }
            return .answered(status: status ?? 0, body: String(decoding: bytes, as: UTF8.self))
        } catch {
            return .failed(
                HealthErrorClassifier.classify(error, host: host, timeout: timeout),
                status: status, body: String(decoding: bytes, as: UTF8.self))
        }
    }
}
