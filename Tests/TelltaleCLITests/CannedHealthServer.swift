import Foundation

/// A loopback HTTP server that gives every request the same answer, and keeps
/// what the requests said.
///
/// For the end-to-end tests that need a health endpoint whose body holds a
/// planted secret (the demo backend's bodies are fixed), and that must see the
/// request headers arrive, to know a header secret was really sent before
/// checking that no output holds it.
final class CannedHealthServer: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let response: [UInt8]
    private let lock = NSLock()
    private var requests: [String] = []
    private let thread: Thread

    var url: String { "http://127.0.0.1:\(port)/health" }

    /// Everything the requests so far sent (request lines and headers).
    var received: String {
        lock.lock()
        defer { lock.unlock() }
        return requests.joined(separator: "\n")
    }

    init(status: Int, body: String, contentType: String = "application/json") throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        listener = fd
        let bodyBytes = Array(body.utf8)
        let reason = status < 400 ? "OK" : "Service Unavailable"
        response = Array("HTTP/1.1 \(status) \(reason)\r\nContent-Type: \(contentType)\r\nContent-Length: \(bodyBytes.count)\r\nConnection: close\r\n\r\n".utf8) + bodyBytes
        let box = ServerLoop(listener: fd, response: response)
        thread = Thread { box.run() }
        box.onRequest = { [unowned self] text in
            self.lock.lock()
            self.requests.append(text)
            self.lock.unlock()
        }
        thread.start()
    }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    deinit { stop() }

    /// The accept loop, apart from the server so that the thread does not
    /// keep the server alive.
    private final class ServerLoop: @unchecked Sendable {
        let listener: Int32
        let response: [UInt8]
        var onRequest: ((String) -> Void)?

        init(listener: Int32, response: [UInt8]) {
            self.listener = listener
            self.response = response
        }

        func run() {
            while true {
                let client = accept(listener, nil, nil)
                if client < 0 {
                    if errno == EINTR { continue }
                    return
                }
                var request: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 4096)
                while !request.containsHeaderEnd {
                    let n = read(client, &buffer, buffer.count)
                    if n <= 0 { break }
                    request += buffer[0..<n]
                }
                onRequest?(String(decoding: request, as: UTF8.self))
                var offset = 0
                while offset < response.count {
                    let n = response.withUnsafeBytes { write(client, $0.baseAddress! + offset, response.count - offset) }
                    if n <= 0 { break }
                    offset += n
                }
                close(client)
            }
        }
    }
}

private extension Array where Element == UInt8 {
    var containsHeaderEnd: Bool {
        count >= 4 && indices.dropLast(3).contains { self[$0] == 13 && self[$0 + 1] == 10 && self[$0 + 2] == 13 && self[$0 + 3] == 10 }
    }
}
