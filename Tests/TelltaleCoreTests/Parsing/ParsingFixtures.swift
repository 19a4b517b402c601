import Foundation
@testable import TelltaleCore

/// Reads the parsing tests' fixture files and runs bytes through the pipeline.
enum ParsingFixtures {
    static var directory: URL { Bundle.module.resourceURL!.appendingPathComponent("Fixtures") }

    static func bytes(_ relativePath: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(relativePath)))
    }

    static func text(_ relativePath: String) throws -> String {
        String(decoding: try bytes(relativePath), as: UTF8.self)
    }

    /// Every record a fresh reader makes of `bytes`, fed in chunks of `chunkSize`.
    static func records(_ bytes: [UInt8], chunkSize: Int = .max, source: String = "test") -> [LogRecord] {
        read(bytes, chunkSize: chunkSize, source: source).records
    }

    /// The records and the reader (with its line, entry and byte counts) after
    /// feeding `bytes` in chunks of `chunkSize` and finishing.
    static func read(_ bytes: [UInt8], chunkSize: Int = .max, source: String = "test",
                     maxLineBytes: Int = 1 << 20) -> (records: [LogRecord], reader: LogReader) {
        var reader = LogReader(source: source, maxLineBytes: maxLineBytes)
        var out: [LogRecord] = []
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunkSize)
            reader.feed(Array(bytes[start..<end]), arrival: 100) { out.append($0) }
            start = end
        }
        reader.finish(arrival: 100) { out.append($0) }
        return (out, reader)
    }

    static func records(_ text: String, chunkSize: Int = .max) -> [LogRecord] {
        records(Array(text.utf8), chunkSize: chunkSize)
    }

    /// One entry's record, from a fresh parser.
    static func record(_ line: String) -> LogRecord {
        var parser = LineParser()
        return parser.parse(RawEntry(bytes: Array(line.utf8)), arrival: 7, source: "src")
    }

    /// Seconds since 1970 of a UTC civil time, computed with Foundation as an
    /// independent check of the hand-written date arithmetic.
    static func epoch(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0) -> Double {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))!
        return date.timeIntervalSince1970
    }
}
