import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// Collects one health response, its status and at most `maxBodyBytes` of its body, on
/// the event loop the request runs on.
///
/// A response delegate rather than the async response body: the async API passes the head
/// and every chunk from the event loop to the Swift concurrency pool and back, a dozen thread
/// wake-ups a poll, which made polling most of an idle dashboard's CPU. Here the whole
/// exchange stays on one thread.
///
/// Its state is touched only on the request's event loop (the delegate's event loop
/// preference, which the result's callbacks run on too), so it needs no lock.
final class HealthBodyCollector: HTTPClientResponseDelegate, @unchecked Sendable {
    typealias Response = Void

    /// The failure a body over the cap stops the request with.
    struct BodyTooLarge: Error {}

    let maxBodyBytes: Int
    /// The response's status, once its head arrived.
    private(set) var status: Int?
    /// The body so far, at most `maxBodyBytes`.
    private(set) var bytes: [UInt8] = []
    /// Whether the body went past the cap (`bytes` then holds its first `maxBodyBytes`).
    private(set) var overflowed = false
    /// Set by the poll's hard deadline before it fails the request.
    var timedOut = false

    init(maxBodyBytes: Int) {
        self.maxBodyBytes = maxBodyBytes
    }

    var bodyText: String { String(decoding: bytes, as: UTF8.self) }

    func didReceiveHead(task: HTTPClient.Task<Void>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        status = Int(head.status.code)
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Void>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        let room = maxBodyBytes - bytes.count
        if buffer.readableBytes > room {
            bytes += buffer.readableBytesView.prefix(room)
            overflowed = true
            return task.eventLoop.makeFailedFuture(BodyTooLarge())
        }
        bytes += buffer.readableBytesView
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didFinishRequest(task: HTTPClient.Task<Void>) throws {}
}
