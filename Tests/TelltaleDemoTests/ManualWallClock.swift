import Synchronization
@testable import TelltaleDemo

/// Wall time that moves only when a test says so.
///
/// Server tests share two cores with CPU-heavy suites; on a real clock a starved request
/// can land in the wrong phase. With this clock the story stands still between steps.
final class ManualWallClock: Sendable {
    private let seconds: Mutex<Double>

    init(_ seconds: Double = 0) {
        self.seconds = Mutex(seconds)
    }

    func set(_ value: Double) {
        seconds.withLock { $0 = value }
    }

    var reading: @Sendable () -> Double {
        { [self] in seconds.withLock { $0 } }
    }

    /// A backend at speed 1 whose simulated time is this clock's reading.
    func backend(seed: UInt64 = 1, faults: [DemoFaultRule] = [], keepAliveInterval: Duration = .seconds(15)) -> DemoBackend {
        DemoBackend(
            seed: seed, speed: 1, host: "127.0.0.1", port: 0, faults: faults,
            keepAliveInterval: keepAliveInterval, wallElapsed: reading)
    }
}
