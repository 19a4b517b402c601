import Foundation
import TelltaleCore
import TelltaleUI

/// `telltale-bench render`: the median time of one full frame of the dashboard,
/// rendered into a cell buffer in memory, next to a baseline measured in the
/// same run.
///
/// The state drawn is a real one: a generated corpus read through `LogReader`
/// into a `DeployWatch` (the heavy users watched), with health results around
/// the deploy and the alerts the dashboard would raise, so every panel is full.
/// The baseline fills a buffer of the same size cell by cell with spaces: the
/// least a frame can cost with this cell type, so the ratio says how much the
/// layout, text fitting and panels add to merely touching every cell.
enum RenderMeasure {
    static func run(_ arguments: BenchArguments) throws(BenchError) {
        let lines = max(1, try arguments.integer("--lines", default: 200_000))
        let iterations = max(5, try arguments.integer("--iterations", default: 2000))
        let width = max(1, try arguments.integer("--width", default: 200))
        let height = max(1, try arguments.integer("--height", default: 60))

        let snapshot = try realisticSnapshot(lines: lines)
        let model = DashboardModel()
        let screen = MemoryScreen()
        var checksum = 0

        var renderTimes: [Double] = []
        var fillTimes: [Double] = []
        renderTimes.reserveCapacity(iterations)
        fillTimes.reserveCapacity(iterations)
        let clock = ContinuousClock()
        // Interleaved, so that a noisy neighbour slows both alike.
        for _ in 0..<iterations {
            var started = clock.now
            let frame = DashboardRenderer.render(snapshot: snapshot, model: model, glyphs: .unicode, width: width, height: height)
            renderTimes.append(microseconds(clock.now - started))
            screen.present(frame)

            started = clock.now
            var filled = CellBuffer(width: width, height: height)
            for y in 0..<height {
                for x in 0..<width { filled[x, y] = Cell(" ") }
            }
            fillTimes.append(microseconds(clock.now - started))
            checksum &+= filled.cells.count &+ frame.cells.count
        }
        guard let shown = screen.current, shown.textLines.joined().contains("Duplication") else {
            throw BenchError("the rendered frame does not show the dashboard")
        }
        let render = median(renderTimes)
        let fill = median(fillTimes)
        print("render width=\(width) height=\(height) lines=\(lines) iterations=\(iterations) render_median_us=\(format(render)) render_p95_us=\(format(percentile(renderTimes, 0.95))) fill_median_us=\(format(fill)) ratio=\(String(format: "%.2f", fill > 0 ? render / fill : 0)) checksum=\(checksum)")
    }

    /// The corpus through the core, plus a minute of health polls around its
    /// deploy (one endpoint failing for a while), as the dashboard would see it.
    static func realisticSnapshot(lines: Int) throws(BenchError) -> DashboardSnapshot {
        let rules: RuleSet
        do {
            rules = try RuleSet.defaultPack()
        } catch {
            throw BenchError("the default rule pack does not load: \(error)")
        }
        var settings = CorpusGenerator.Settings()
        settings.lines = lines
        var generator = CorpusGenerator(settings)
        var watch = DeployWatch(rules: rules, watchedUsers: Array(CorpusGenerator.heavyUsers.prefix(2)))
        var reader = LogReader(source: RecordingCommand.sourceName)
        let start = Double(CorpusGenerator.startMilliseconds) / 1000
        var chunk: [UInt8] = []
        while !generator.isFinished {
            chunk.removeAll(keepingCapacity: true)
            while chunk.count < 64 * 1024, !generator.isFinished { generator.appendLine(to: &chunk) }
            let arrival = start + Double(generator.linesWritten) / Double(settings.linesPerSecond)
            reader.feed(chunk, arrival: arrival) { watch.ingest($0) }
        }
        let end = start + Double(lines) / Double(settings.linesPerSecond)
        reader.finish(arrival: end) { watch.ingest($0) }
        for second in stride(from: end - 120, through: end, by: 2) {
            let failing = second > end - 80 && second < end - 40
            watch.ingest(HealthResult(endpoint: "/health", time: second, status: 200, latency: 0.031,
                                      body: #"{"status":"healthy","service":"netra-ai-platform","version":"1.0.0"}"#))
            watch.ingest(HealthResult(endpoint: "/health/ready", time: second + 0.5, status: failing ? 503 : 200, latency: 0.062,
                                      body: failing ? #"{"detail":"Core database unavailable"}"# : #"{"status":"ready","core_db":"connected"}"#))
        }
        var alerts = AlertEvaluator()
        let changes = alerts.evaluate(watch)
        let at = watch.now ?? end
        return DashboardSnapshot(
            watch: watch, wallTime: at, linesPerSecond: 2000, alerts: alerts.active,
            alertEvents: changes.raised.map { WatchEvent(at: at, kind: .alert, text: "alert: \($0.text)") })
    }

    private static func microseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) / 1e12
    }

    private static func median(_ values: [Double]) -> Double { percentile(values, 0.5) }

    private static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * fraction).rounded()))]
    }

    private static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
