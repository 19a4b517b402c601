import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A deliberately small HTTP/1.1 client over a raw TCP socket.
///
/// The fault modes are about what bytes arrive and when (nothing, one a second, a body cut
/// mid-line), which a full client hides behind its own timeouts and retries. Socket calls
/// block, so they run on their own thread and never stall Swift concurrency's small pool
/// (which the server under test needs).
enum RawHTTPClient {
    /// How reading ended.
    enum Ending: Equatable {
        /// The server closed the connection.
        case closed
        /// Nothing arrived within the timeout.
        case timedOut
        /// The caller's stop condition was met.
        case satisfied
    }

    struct Exchange: Sendable {
        var raw: [UInt8]
        var ending: Ending

        /// Status code, or nil when no complete head arrived.
        var status: Int? {
            guard let head else { return nil }
            let parts = head.split(separator: " ")
            return parts.count > 1 ? Int(parts[1]) : nil
        }

        var head: String? {
            guard let end = headEnd else { return nil }
            return String(decoding: raw[..<end], as: UTF8.self)
        }

        func header(_ name: String) -> String? {
            guard let head else { return nil }
            for line in head.split(separator: "\r\n").dropFirst() {
                let pieces = line.split(separator: ":", maxSplits: 1)
                if pieces.count == 2, pieces[0].lowercased() == name.lowercased() {
                    return pieces[1].trimmingCharacters(in: .whitespaces)
                }
            }
            return nil
        }

        /// Body bytes, decoded from chunked transfer encoding where used (a cut stream
        /// yields what arrived).
        var body: [UInt8] {
            guard let end = headEnd else { return [] }
            let rawBody = Array(raw[(end + 4)...])
            return header("transfer-encoding")?.lowercased() == "chunked" ? Self.dechunk(rawBody).bytes : rawBody
        }

        /// Whether a chunked body reached its terminating zero-length chunk.
        var chunkedBodyComplete: Bool {
            guard let end = headEnd else { return false }
            return Self.dechunk(Array(raw[(end + 4)...])).complete
        }

        var text: String { String(decoding: body, as: UTF8.self) }

        private var headEnd: Int? {
            let marker: [UInt8] = [13, 10, 13, 10]
            guard raw.count >= 4 else { return nil }
            for index in 0...(raw.count - 4) where Array(raw[index..<index + 4]) == marker {
                return index
            }
            return nil
        }

        private static func dechunk(_ bytes: [UInt8]) -> (bytes: [UInt8], complete: Bool) {
            var output: [UInt8] = []
            var index = 0
            while index < bytes.count {
                guard let lineEnd = (index..<bytes.count - 1).first(where: { bytes[$0] == 13 && bytes[$0 + 1] == 10 }) else {
                    break
                }
                let sizeText = String(decoding: bytes[index..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
                guard let size = Int(sizeText, radix: 16) else { break }
                if size == 0 { return (output, true) }
                let start = lineEnd + 2
                let stop = min(bytes.count, start + size)
                output += bytes[start..<stop]
                index = stop + 2
            }
            return (output, false)
        }
    }

    /// Sends one request and reads the answer.
    ///
    /// - Parameters:
    ///   - timeout: Longest wait for the next bytes (at least the socket's granularity).
    ///   - until: Stop reading once the bytes received so far satisfy this.
    static func request(
        port: Int, path: String, method: String = "GET", headers: [String: String] = [:],
        timeout: Double = 3, until: (@Sendable (Exchange) -> Bool)? = nil
    ) async throws -> Exchange {
        try await onThread {
            let socket = try connect(port: port, timeout: timeout)
            defer { close(socket) }
            var request = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
            for (name, value) in headers { request += "\(name): \(value)\r\n" }
            request += "\r\n"
            let bytes = Array(request.utf8)
            let sent = bytes.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, 0) }
            guard sent == bytes.count else { throw ClientError.sendFailed }
            var exchange = Exchange(raw: [], ending: .closed)
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
                if count == 0 { exchange.ending = .closed; return exchange }
                if count < 0 {
                    if errno == EAGAIN || errno == EWOULDBLOCK { exchange.ending = .timedOut; return exchange }
                    // A reset after a cut body is still the server closing on us.
                    exchange.ending = .closed
                    return exchange
                }
                exchange.raw += buffer[0..<count]
                if let until, until(exchange) { exchange.ending = .satisfied; return exchange }
            }
        }
    }

    /// Whether something accepts TCP connections on the port.
    static func isListening(port: Int) async -> Bool {
        (try? await onThread { close(try connect(port: port, timeout: 1)) }) != nil
    }

    enum ClientError: Error {
        case socketFailed, connectFailed(Int32), sendFailed
    }

    private static func connect(port: Int, timeout: Double) throws -> Int32 {
        #if canImport(Glibc)
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let socket = Darwin.socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard socket >= 0 else { throw ClientError.socketFailed }
        var interval = timeval(tv_sec: Int(timeout), tv_usec: .init((timeout - timeout.rounded(.down)) * 1_000_000))
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                #if canImport(Glibc)
                Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                #else
                Darwin.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                #endif
            }
        }
        guard result == 0 else {
            let code = errno
            close(socket)
            throw ClientError.connectFailed(code)
        }
        return socket
    }

    private static func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try work() })
            }
            thread.start()
        }
    }
}
