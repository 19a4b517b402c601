import Foundation

/// `telltale-bench follow`: how long a line appended to a followed file takes
/// to reach telltale's pipeline, next to `tail -F` in the same run.
///
/// telltale is run as users run it (`check --for`, following a file) with
/// `--record`: the recording stamps every chunk with the wall time at which the
/// pipeline received it, just before it is counted under the lock, so the
/// difference to the time of the write is the latency up to the state. The
/// baseline is `tail -F -n 0` on its own file, timed when its output arrives.
enum FollowLatency {
    static func run(_ arguments: BenchArguments) throws(BenchError) {
        guard let telltale = arguments.string("--telltale") else { throw BenchError("follow needs --telltale PATH") }
        let samples = max(5, try arguments.integer("--samples", default: 60))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("telltale-follow-\(getpid())")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let telltaleMs = try measureTelltale(telltale, samples: samples, directory: directory)
        let tailMs = try measureTail(samples: samples, directory: directory)
        print("follow samples=\(samples) telltale_p50_ms=\(format(percentile(telltaleMs, 0.5))) telltale_p95_ms=\(format(percentile(telltaleMs, 0.95))) tail_p50_ms=\(format(percentile(tailMs, 0.5))) tail_p95_ms=\(format(percentile(tailMs, 0.95)))")
    }

    private static let spacing = 0.05

    private static func measureTelltale(_ telltale: String, samples: Int, directory: URL) throws(BenchError) -> [Double] {
        let log = directory.appendingPathComponent("followed.log").path
        let recording = directory.appendingPathComponent("recording.ndjson").path
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: telltale)
        let seconds = Int(Double(samples) * spacing + 4)
        process.arguments = ["check", "--for", "\(seconds)s", "--logs", log, "--record", recording, "--format", "json"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { throw BenchError("cannot start \(telltale): \(error)") }
        // Give the tailer time to open the file and register its inotify watch.
        Thread.sleep(forTimeInterval: 1.5)
        let written = try appendProbes(to: log, samples: samples)
        process.waitUntilExit()

        guard let text = try? String(contentsOfFile: recording, encoding: .utf8) else {
            throw BenchError("telltale wrote no recording at \(recording)")
        }
        var arrived: [Int: Double] = [:]
        for line in text.split(separator: "\n") {
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any],
                  object["type"] as? String == "data", let t = (object["t"] as? NSNumber)?.doubleValue,
                  let chunk = object["text"] as? String else { continue }
            for probe in probes(in: chunk) where arrived[probe] == nil { arrived[probe] = t }
        }
        return try latencies(written: written, arrived: arrived, tool: "telltale")
    }

    private static func measureTail(samples: Int, directory: URL) throws(BenchError) -> [Double] {
        let log = directory.appendingPathComponent("tailed.log").path
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/tail")
        process.arguments = ["-F", "-n", "0", log]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { throw BenchError("cannot start tail: \(error)") }
        let arrivals = ProbeArrivals()
        let reader = Thread {
            let handle = pipe.fileHandleForReading
            while true {
                let data = handle.availableData
                if data.isEmpty { return }
                let now = Date().timeIntervalSince1970
                for probe in probes(in: String(decoding: data, as: UTF8.self)) { arrivals.note(probe, at: now) }
            }
        }
        reader.start()
        Thread.sleep(forTimeInterval: 1.0)
        let written = try appendProbes(to: log, samples: samples)
        Thread.sleep(forTimeInterval: 0.5)
        process.terminate()
        process.waitUntilExit()
        return try latencies(written: written, arrived: arrivals.snapshot(), tool: "tail -F")
    }

    /// Appends one probe line per sample, `spacing` apart; returns each write's time.
    private static func appendProbes(to path: String, samples: Int) throws(BenchError) -> [Int: Double] {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else { throw BenchError("cannot open \(path) for appending") }
        defer { close(descriptor) }
        var written: [Int: Double] = [:]
        for probe in 0..<samples {
            let line = Array("{\"severity\": \"WARNING\", \"message\": \"latency-probe-\(probe) SSOT VALIDATION: Multiple manager instances for user demo-user-001 - potential duplication\", \"timestamp\": \"2025-09-15T12:00:00.000000+00:00\", \"labels\": {\"module\": \"netra_backend.app.websocket_core\"}}\n".utf8)
            written[probe] = Date().timeIntervalSince1970
            _ = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            Thread.sleep(forTimeInterval: spacing)
        }
        return written
    }

    private static func probes(in text: String) -> [Int] {
        text.components(separatedBy: "latency-probe-").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
    }

    private static func latencies(written: [Int: Double], arrived: [Int: Double], tool: String) throws(BenchError) -> [Double] {
        let values = written.compactMap { probe, at in arrived[probe].map { ($0 - at) * 1000 } }
        guard values.count == written.count else {
            throw BenchError("\(tool) saw \(values.count) of \(written.count) appended lines")
        }
        return values.sorted()
    }

    private static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
        sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * fraction).rounded(.up)))]
    }

    private static func format(_ value: Double) -> String { String(format: "%.2f", value) }
}

/// When each probe line came out of `tail`, written by the reader thread.
private final class ProbeArrivals: @unchecked Sendable {
    private let lock = NSLock()
    private var arrived: [Int: Double] = [:]

    func note(_ probe: Int, at time: Double) {
        lock.lock()
        if arrived[probe] == nil { arrived[probe] = time }
        lock.unlock()
    }

    func snapshot() -> [Int: Double] {
        lock.lock()
        defer { lock.unlock() }
        return arrived
    }
}
