import Synchronization

/// A value shared between tasks and threads behind a mutex.
///
/// `Mutex` cannot be captured by escaping closures (it is not copyable); this
/// class wraps one so a cancellation handler and a running body can both reach it.
final class LockedValue<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>

    init(_ value: Value) {
        storage = Mutex(value)
    }

    var value: Value {
        storage.withLock { $0 }
    }

    func set(_ value: Value) {
        storage.withLock { $0 = value }
    }

    @discardableResult
    func update<Result: Sendable>(_ body: (inout Value) -> Result) -> Result {
        storage.withLock { body(&$0) }
    }
}
