import Foundation
/// What a generated corpus contains, counted while it was written: the answer
/// `telltale check` must give before any of its timings is worth printing.
///
/// Field names follow the JSON report (`lines`, `duplication`, `db`,
/// `idManager`), so a comparison reads key by key.
struct CorpusTruth: Codable, Equatable {
    /// Writes the truth as pretty, key-sorted JSON (what `verify` reads).
    func write(to path: String) throws(BenchError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            try encoder.encode(self).write(to: URL(fileURLWithPath: path))
        } catch {
            throw BenchError("cannot write \(path): \(error)")
        }
    }

    var lines = 0
    var parsed = 0
    var unparsed = 0
    var bytes = 0
    /// Entries that named at least one user in a duplication warning.
    var duplicationEntries = 0
    /// Per-user duplication counts of the skewed heavy users (exact in the report).
    var heavyUsers: [String: Int] = [:]
    /// Distinct users named in duplication warnings.
    var distinctUsers = 0
    /// WebSocket manager warnings, duplication entries included.
    var websocketWarnings = 0
    var databaseTimeouts = 0
    var databaseErrors = 0
    var idManagerInitialized = 0
    var unifiedIds = 0
    var legacyIds = 0
    var deploys = 0
}
