import AsyncHTTPClient
import NIOCore
import NIOPosix
import NIOSSL

/// Builds the AsyncHTTPClient configuration both HTTP inputs share.
///
/// The defaults of AsyncHTTPClient suit a service calling other services, not a monitor: it
/// retries connection establishment until the deadline, so a refused port would look exactly
/// like a timeout. A monitor must report what happened, so retries are off here.
enum HTTPClientFactory {
    /// A new client; the caller owns it and must `shutdown()` it.
    ///
    /// - Parameters:
    ///   - tls: Certificate verification settings.
    ///   - connectTimeout: Seconds allowed to establish a connection.
    static func makeClient(tls: TLSOptions, connectTimeout: Double) -> HTTPClient {
        var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
        if tls.insecure {
            tlsConfiguration.certificateVerification = .none
        }
        if let caFile = tls.caFile {
            tlsConfiguration.additionalTrustRoots = [.file(caFile)]
        }
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tlsConfiguration,
            redirectConfiguration: .follow(max: 5, allowCycles: false),
            timeout: .init(connect: .milliseconds(Int64((connectTimeout * 1000).rounded(.up))))
        )
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.decompression = .disabled
        return HTTPClient(eventLoopGroup: inputsEventLoops, configuration: configuration)
    }

    /// The event loop the HTTP inputs run on, apart from NIO's shared singleton:
    /// a server in the same process (the demo backend, a flooding stream) must
    /// not delay a health poll's deadline or a stream's end. Lives as long as the
    /// process.
    static let inputsEventLoops = MultiThreadedEventLoopGroup(numberOfThreads: 1)
}
