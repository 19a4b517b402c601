import Foundation
import Hummingbird
import Logging
import Synchronization

/// A simulated staging backend on a real HTTP port, playing the scripted deploy of
/// `DemoScript` so telltale can be watched with no setup and tested against a real,
/// misbehaving peer.
///
/// Serves `GET /health`, `/health/ready`, `/health/backend` (the current phase's answers),
/// `GET /logs` (NDJSON, or SSE with `Accept: text/event-stream`) and `GET /logs/sse`,
/// `POST /control/fault?mode=…&endpoint=…` and `GET /control/state`.
/// Simulated seconds are wall seconds on a monotonic clock since `start()` times `speed`;
/// log timestamps start at the wall time of `start()`.
public final class DemoBackend: Sendable {
    public let seed: UInt64
    public let speed: Double
    public let host: String
    /// The port asked for; 0 lets the system choose (see the value `start()` returns).
    public let requestedPort: Int
    private let faultBoard: DemoFaultBoard
    private let keepAliveInterval: Duration
    private let wallElapsed: (@Sendable () -> Double)?
    private let running = Mutex(Running())

    private struct Running {
        var task: Task<Void, Never>?
        var timeline: DemoTimeline?
        var port: Int?
    }

    /// Errors of starting the server.
    public enum StartError: Error, Equatable {
        /// `start()` was called on a backend that is already running.
        case alreadyStarted
        /// The server stopped before it was listening (for example, the port is taken).
        case notListening(String)
    }

    /// - Parameters:
    ///   - seed: Chooses the traffic of the script.
    ///   - speed: Simulated seconds per wall second (60 plays 15 minutes in 15 seconds).
    ///   - host: Address to bind.
    ///   - port: Port to bind; 0 for any free port.
    ///   - faults: Faults switched on from the start, as `POST /control/fault` would.
    ///   - keepAliveInterval: Wall time without data after which an SSE stream gets a
    ///     `: keep-alive` comment.
    public convenience init(
        seed: UInt64 = 1, speed: Double = 1, host: String = "127.0.0.1", port: Int = 0,
        faults: [DemoFaultRule] = [], keepAliveInterval: Duration = .seconds(15)
    ) {
        self.init(
            seed: seed, speed: speed, host: host, port: port, faults: faults,
            keepAliveInterval: keepAliveInterval, wallElapsed: nil)
    }

    /// - Parameter wallElapsed: Wall seconds since `start()`; nil for the monotonic clock.
    ///   Tests pass a manual clock so the story's phases do not depend on machine load.
    init(
        seed: UInt64, speed: Double, host: String, port: Int, faults: [DemoFaultRule],
        keepAliveInterval: Duration, wallElapsed: (@Sendable () -> Double)?
    ) {
        self.wallElapsed = wallElapsed
        self.seed = seed
        self.speed = speed
        self.host = host
        requestedPort = port
        faultBoard = DemoFaultBoard(faults)
        self.keepAliveInterval = keepAliveInterval
    }

    /// Binds and starts serving; the story's clock starts now.
    ///
    /// - Returns: The bound port, already accepting connections.
    /// - Throws: `StartError`, or the bind error.
    public func start() async throws -> Int {
        let timeline = DemoTimeline(
            script: DemoScript(seed: seed, start: Date().timeIntervalSince1970), speed: speed, wallElapsed: wallElapsed)
        let (ports, portContinuation) = AsyncThrowingStream.makeStream(of: Int.self)
        var logger = Logger(label: "telltale.demo")
        logger.logLevel = .critical
        let app = Application(
            responder: DemoResponder(timeline: timeline, faults: faultBoard, keepAliveInterval: keepAliveInterval),
            configuration: .init(address: .hostname(host, port: requestedPort), serverName: "telltale-demo"),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
            },
            logger: logger)
        try running.withLock { running in
            guard running.task == nil else { throw StartError.alreadyStarted }
            running.timeline = timeline
            running.task = Task {
                do {
                    try await app.run()
                    portContinuation.finish()
                } catch {
                    portContinuation.finish(throwing: error)
                }
            }
        }
        do {
            for try await port in ports {
                running.withLock { $0.port = port }
                return port
            }
            throw StartError.notListening("the server stopped before listening")
        } catch {
            await stop()
            throw error
        }
    }

    /// Stops serving and waits until the port is released; open streams and hung requests
    /// are cut.
    public func stop() async {
        let task = running.withLock { running in
            let task = running.task
            running = Running()
            return task
        }
        guard let task else { return }
        task.cancel()
        await task.value
    }

    /// The port being served, once started.
    public var port: Int? {
        running.withLock { $0.port }
    }

    /// The script being played, once started (its `start` is the wall time of `start()`),
    /// so a test can compare what it received with what the script says.
    public var script: DemoScript? {
        running.withLock { $0.timeline }?.script
    }

    /// Simulated seconds since `start()`, or 0 before it.
    public var simulatedTime: Double {
        running.withLock { $0.timeline }?.simulatedNow ?? 0
    }

    /// The faults switched on now.
    public var faults: [DemoFaultRule] {
        faultBoard.current
    }

    /// Switches a fault on or off, as `POST /control/fault` does.
    public func setFault(_ rule: DemoFaultRule) {
        faultBoard.apply(rule)
    }
}
