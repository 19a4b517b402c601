import Foundation
import Testing

/// Compares rendered text with a file in `Expected/`, or re-records the file
/// when `TELLTALE_RECORD=1`; a mismatch reports a line diff.
enum ExpectedFile {
    /// The source tree's `Expected/` directory (recording writes there).
    static var sourceDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Expected")
    }

    static func check(_ actual: [String], named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let text = actual.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["TELLTALE_RECORD"] == "1" {
            try FileManager.default.createDirectory(at: sourceDirectory, withIntermediateDirectories: true)
            try text.write(to: sourceDirectory.appendingPathComponent(name), atomically: true, encoding: .utf8)
            return
        }
        let url = Bundle.module.resourceURL!.appendingPathComponent("Expected/\(name)")
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing expected file Expected/\(name); run with TELLTALE_RECORD=1 to create it", sourceLocation: sourceLocation)
            return
        }
        if expected != text {
            let diff = lineDiff(expected: expected, actual: text)
            Issue.record("\(name) differs:\n\(diff)", sourceLocation: sourceLocation)
        }
    }

    /// Lines that differ, numbered, expected (-) above actual (+).
    static func lineDiff(expected: String, actual: String) -> String {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        for i in 0..<max(e.count, a.count) {
            let el = i < e.count ? String(e[i]) : "<none>"
            let al = i < a.count ? String(a[i]) : "<none>"
            if el != al { out.append(String(format: "%3d - %@\n%3d + %@", i + 1, el, i + 1, al)) }
        }
        return out.joined(separator: "\n")
    }
}
