import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// A well-behaved HTTP/1.1 server on 127.0.0.1 that answers each request from a closure.
///
/// Built on SwiftNIO so the poller is tested against a real HTTP implementation (keep-alive,
/// framing) rather than against our own idea of HTTP.
final class CannedHTTPServer: Sendable {
    /// What the server sends back for one request.
    struct Response: Sendable {
        var status: HTTPResponseStatus
        var headers: [(String, String)] = []
        var body: String = ""
    }

    /// The request heads, shared with the channel handlers before the server exists.
    private final class RequestLog: Sendable {
        let heads = Mutex<[HTTPRequestHead]>([])
    }

    let port: Int
    private let channel: any Channel
    private let log: RequestLog

    /// Every request head received, in order.
    var requests: [HTTPRequestHead] { log.heads.withLock { $0 } }

    private let scheme: String

    var baseURL: String { "\(scheme)://127.0.0.1:\(port)" }

    /// Starts the server; with `certificate` and `privateKey` (PEM files) it speaks HTTPS.
    init(
        certificate: String? = nil, privateKey: String? = nil,
        respond: @escaping @Sendable (HTTPRequestHead) -> Response
    ) async throws {
        let tlsContext: NIOSSLContext?
        if let certificate, let privateKey {
            let configuration = TLSConfiguration.makeServerConfiguration(
                certificateChain: try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) },
                privateKey: .privateKey(try NIOSSLPrivateKey(file: privateKey, format: .pem)))
            tlsContext = try NIOSSLContext(configuration: configuration)
        } else {
            tlsContext = nil
        }
        scheme = tlsContext == nil ? "http" : "https"
        let log = RequestLog()
        self.log = log
        let record: @Sendable (HTTPRequestHead) -> Response = { head in
            log.heads.withLock { $0.append(head) }
            return respond(head)
        }
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tlsContext {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tlsContext))
                    }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(CannedResponder(respond: record))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        port = channel.localAddress?.port ?? 0
    }

    func stop() async {
        try? await channel.close()
    }
}

/// Answers each complete request with the closure's response.
private final class CannedResponder: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let respond: @Sendable (HTTPRequestHead) -> CannedHTTPServer.Response
    private var head: HTTPRequestHead?

    init(respond: @escaping @Sendable (HTTPRequestHead) -> CannedHTTPServer.Response) {
        self.respond = respond
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
        case .body:
            break
        case .end:
            guard let head else { return }
            let response = respond(head)
            var headers = HTTPHeaders(response.headers)
            headers.replaceOrAdd(name: "Content-Length", value: String(response.body.utf8.count))
            context.write(
                wrapOutboundOut(.head(.init(version: head.version, status: response.status, headers: headers))),
                promise: nil)
            if head.method != .HEAD {
                let buffer = context.channel.allocator.buffer(string: response.body)
                context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
            }
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
