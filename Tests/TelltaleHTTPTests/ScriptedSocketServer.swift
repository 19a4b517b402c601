import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A TCP server on 127.0.0.1 that runs a script per connection on plain POSIX sockets.
///
/// The failures a monitor must survive (never answering, trickling, resetting mid-body,
/// dropping mid-line) are exactly what a real HTTP server library will not do on purpose, so
/// these servers write raw bytes and control the socket directly.
final class ScriptedSocketServer: Sendable {
    /// Everything the server has seen, shared with connection threads.
    private struct Record {
        var acceptedConnections = 0
        var requestHeads: [String] = []
        var openSockets: Set<Int32> = []
        var stopped = false
    }

    let port: Int
    private let listener: Int32
    private let record = Mutex(Record())

    var baseURL: String { "http://127.0.0.1:\(port)" }
    /// How many connections were accepted so far.
    var acceptedConnections: Int { record.withLock { $0.acceptedConnections } }
    /// The request heads read by scripts, in order.
    var requestHeads: [String] { record.withLock { $0.requestHeads } }

    /// Starts listening; `script` runs on its own thread for each accepted connection, with
    /// its index (0 for the first connection).
    init(script: @escaping @Sendable (ScriptedConnection, Int) -> Void) throws {
        listener = try Self.listeningSocket()
        port = try Self.localPort(of: listener)
        let listener = self.listener
        Thread.detachNewThread { [self] in
            while true {
                let socket = accept(listener, nil, nil)
                if socket < 0 {
                    if errno == EINTR { continue }
                    break
                }
                let index: Int? = self.record.withLock { state in
                    if state.stopped { return nil }
                    state.acceptedConnections += 1
                    state.openSockets.insert(socket)
                    return state.acceptedConnections - 1
                }
                guard let index else {
                    close(socket)
                    break
                }
                Thread.detachNewThread {
                    let connection = ScriptedConnection(socket: socket) { head in
                        self.record.withLock { $0.requestHeads.append(head) }
                    }
                    script(connection, index)
                    self.record.withLock { _ = $0.openSockets.remove(socket) }
                    connection.close()
                }
            }
            close(listener)
        }
    }

    /// Stops accepting and wakes every script blocked on its socket.
    func stop() {
        let sockets = record.withLock { state in
            state.stopped = true
            return state.openSockets
        }
        shutdown(listener, Int32(SHUT_RDWR))
        for socket in sockets {
            shutdown(socket, Int32(SHUT_RDWR))
        }
    }

    /// A port on 127.0.0.1 where nothing listens: bound once, then released.
    static func closedPort() throws -> Int {
        let socket = try listeningSocket(listen: false)
        defer { close(socket) }
        return try localPort(of: socket)
    }

    private static func listeningSocket(listen shouldListen: Bool = true) throws -> Int32 {
        #if canImport(Glibc)
            let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let socket = Darwin.socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard socket >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        var yes: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, !shouldListen || listen(socket, 64) == 0 else {
            let code = errno
            close(socket)
            throw POSIXError(.init(rawValue: code) ?? .EIO)
        }
        return socket
    }

    private static func localPort(of socket: Int32) throws -> Int {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let result = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getsockname(socket, $0, &length)
            }
        }
        guard result == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// One accepted connection, driven by a test script on its own thread.
final class ScriptedConnection {
    private let socket: Int32
    private let recordHead: (String) -> Void
    private var closed = false

    init(socket: Int32, recordHead: @escaping (String) -> Void) {
        self.socket = socket
        self.recordHead = recordHead
    }

    /// Reads up to the blank line that ends a request head, and records it.
    @discardableResult
    func readRequestHead() -> String {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while !bytes.ends(with: Array("\r\n\r\n".utf8)) {
            guard recv(socket, &byte, 1, 0) == 1 else { break }
            bytes.append(byte)
        }
        let head = String(decoding: bytes, as: UTF8.self)
        recordHead(head)
        return head
    }

    /// Writes all of `text`; false once the peer is gone.
    @discardableResult
    func write(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            #if canImport(Glibc)
                let flags = Int32(MSG_NOSIGNAL)
            #else
                let flags: Int32 = 0
            #endif
            let sent = bytes.withUnsafeBytes { buffer in
                send(socket, buffer.baseAddress! + offset, buffer.count - offset, flags)
            }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }

    /// Blocks until the peer closes the connection (or the server stops).
    func waitForPeerClose() {
        var buffer = [UInt8](repeating: 0, count: 512)
        while recv(socket, &buffer, buffer.count, 0) > 0 {}
    }

    func pause(_ seconds: Double) {
        usleep(useconds_t(seconds * 1_000_000))
    }

    /// Aborts the connection with a TCP reset instead of an orderly close.
    func reset() {
        var option = linger(l_onoff: 1, l_linger: 0)
        setsockopt(socket, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
        close()
    }

    func close() {
        guard !closed else { return }
        closed = true
        #if canImport(Glibc)
            _ = Glibc.close(socket)
        #else
            _ = Darwin.close(socket)
        #endif
    }
}

extension Array where Element == UInt8 {
    fileprivate func ends(with suffix: [UInt8]) -> Bool {
        count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix
    }
}
