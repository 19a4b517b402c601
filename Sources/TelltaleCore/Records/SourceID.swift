import Synchronization

/// A log source's name as a small number.
///
/// Every prepared entry says which source it came from, and nearly every one
/// is only counted (`PreparedRecord`): holding the name as a `String` retained
/// it per entry on the thread that prepared the entry and released it on the
/// thread that applied the batch, an atomic operation on one object shared
/// by both ingest threads, twice a line (a check over a path of more than 15
/// bytes, the length a string holds inline, took 3% longer). The number is
/// copied without a reference; the name is looked up only when the source
/// changes between two entries.
///
/// Numbers are handed out once per distinct name for the life of the process
/// (a run reads a handful of sources), from one table behind a lock that
/// only a new reader and a change of source take.
public struct SourceID: Hashable, Sendable {
    let number: Int32

    private struct Table {
        var names: [String] = []
        var numbers: [String: Int32] = [:]
    }

    private static let table = Mutex(Table())

    /// The number of `name`, given it on its first use.
    public init(_ name: String) {
        number = Self.table.withLock { table in
            if let number = table.numbers[name] { return number }
            let number = Int32(table.names.count)
            table.names.append(name)
            table.numbers[name] = number
            return number
        }
    }

    /// The source's name.
    public var name: String {
        Self.table.withLock { $0.names[Int(number)] }
    }
}
