import Foundation
import Testing

/// The load case of the reliability matrix, scaled to the debug build: a
/// recording of a 2k lines/s stream replayed at max speed through the whole
/// pipeline with the dashboard drawing in a tmux pane, its memory sampled from
/// `/proc` while it runs, and every count checked against the generator's
/// ground truth afterwards. `Benchmarks/run.sh` replays the full hour (7.2M
/// lines) on the release build.
@Suite("load: a recorded stream replayed at max speed into the dashboard", .serialized, .enabled(if: TmuxSession.available))
struct LoadReplayTests {
    static let linesPerSecond = 2000
    /// 45 s of the stream (90k lines): the debug build replays 2.5-4k lines/s
    /// on a busy 2-core machine, dashboard included, so this takes 25-40 s.
    static let seconds = 45
    /// How far the second half's peak RSS may rise above the first half's. The
    /// pipeline's tables are bounded; what can still move once they are full
    /// is the allocator's slack around the per-chunk buffers.
    static let marginMiB = 8.0

    @Test("every line counted, memory flat")
    func replayWithDashboard() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("telltale-load-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let recording = directory.appendingPathComponent("stream.recording").path
        let report = directory.appendingPathComponent("report.json").path

        #expect(try BenchmarkSmokeTests.runBench([
            "recording", "--lines-per-second", "\(Self.linesPerSecond)", "--seconds", "\(Self.seconds)", "--out", recording,
        ]) == 0)
        let truth = try BenchmarkSmokeTests.jsonObject(at: recording + ".truth.json")
        #expect(truth["lines"] as? Int == Self.linesPerSecond * Self.seconds)

        let binary = TelltaleBinary.executable.path
        let command = "cd '\(directory.path)' && env LANG=C.UTF-8 TERM=screen-256color '\(binary)' replay '\(recording)' --dashboard --report-on-exit '\(report)'; echo EXITED $?; sleep 60"
        let tmux = try TmuxSession(width: 200, height: 60, command: command)
        defer { tmux.kill() }

        let pid = try #require(Self.child(of: Int32(tmux.display("#{pane_pid}")) ?? 0, named: "telltale", timeout: 15))
        // Sampling starts with the first frame: the recording is loaded by then,
        // so the halves compare the replay with itself, not with the load.
        let first = tmux.waitFor(timeout: 60) { Self.rate(in: $0) != nil }
        try #require(Self.rate(in: first) != nil, "the dashboard never drew its status bar:\n\(first)")

        var samples: [Double] = []
        var sawTraffic = false
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            guard let rss = Self.residentMiB(of: pid) else { break }
            samples.append(rss)
            let rate = Self.rate(in: tmux.capture()) ?? 0
            if rate > 0 { sawTraffic = true }
            // The status bar's rate falls to 0 five seconds after the last line.
            if sawTraffic && rate == 0 { break }
            Thread.sleep(forTimeInterval: 0.5)
        }
        #expect(sawTraffic, "the status bar never showed lines arriving")
        try tmux.send("q")
        let after = tmux.waitFor(timeout: 30) { $0.contains("EXITED") }
        #expect(after.contains("EXITED 0"))

        // Counts: the benchmark's own gate, key by key, heavy users exact.
        #expect(try BenchmarkSmokeTests.runBench(["verify", "--report", report, "--truth", recording + ".truth.json"]) == 0)
        let counted = try BenchmarkSmokeTests.jsonObject(at: report)
        #expect(BenchmarkSmokeTests.value(counted, at: "lines.total") == Self.linesPerSecond * Self.seconds)

        // Memory: the replay's second half holds no more than its first.
        try #require(samples.count >= 8, "too few RSS samples (\(samples.count)) to compare halves")
        let half = samples.count / 2
        let firstPeak = samples[..<half].max()!
        let secondPeak = samples[half...].max()!
        #expect(secondPeak <= firstPeak + Self.marginMiB,
                "RSS rose from a peak of \(firstPeak) MiB to \(secondPeak) MiB; samples: \(samples.map { Int($0) })")
    }

    /// The lines per second in the status bar (`logs 1 src 12,345 l/s`), if drawn.
    static func rate(in screen: String) -> Int? {
        guard let match = screen.firstMatch(of: /src ([0-9,]+) l\/s/) else { return nil }
        return Int(match.1.replacingOccurrences(of: ",", with: ""))
    }

    /// Resident set size in MiB from `/proc/PID/status`; nil once the process is gone.
    static func residentMiB(of pid: Int32) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kib = Double(line.split(separator: " ", omittingEmptySubsequences: true)[1]) else { return nil }
        return kib / 1024
    }

    /// The pid of `parent`'s child process called `name` (the pane's shell runs
    /// the command as its child), waiting for it to start.
    static func child(of parent: Int32, named name: String, timeout: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let children = (try? String(contentsOfFile: "/proc/\(parent)/task/\(parent)/children", encoding: .utf8)) ?? ""
            for pid in children.split(separator: " ").compactMap({ Int32($0) }) {
                let comm = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) ?? ""
                if comm.trimmingCharacters(in: .whitespacesAndNewlines) == name { return pid }
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return nil
    }
}
