import Foundation
import Testing

/// The fuzzing smoke run (`Fuzz/smoke.sh`) as part of the test suite, so CI
/// runs it: builds the libFuzzer targets with the sanitizers and runs each
/// for 12 seconds. A crash fails the test, and the crashing input is left in
/// `Fuzz/crashes/` to be committed as a regression case.
///
/// It adds a sanitizer build of the core (minutes on a fresh clone);
/// `TELLTALE_SKIP_FUZZ=1` skips it for a quick local run.
@Suite("fuzz smoke run")
struct FuzzSmokeTests {
    static var fuzzDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fuzz")
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["TELLTALE_SKIP_FUZZ"] == nil))
    func everyTargetRunsWithoutACrash() throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("telltale-fuzz-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let output = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Self.fuzzDirectory.appendingPathComponent("smoke.sh").path]
        process.standardOutput = output
        process.standardError = output
        try process.run()
        process.waitUntilExit()
        try output.close()
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(process.terminationStatus == 0, "Fuzz/smoke.sh failed:\n\(text.suffix(4000))")
        // Every target really ran: libFuzzer prints its final stats per target.
        for target in ["log-reader", "entry-assembler", "config-loader", "json-value", "theme-loader"] {
            #expect(text.contains("== \(target) for 12s"), "\(target) did not run")
        }
        #expect(text.components(separatedBy: "stat::number_of_executed_units").count - 1 == 5)
    }
}
