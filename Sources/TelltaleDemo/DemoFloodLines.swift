/// Endless INFO request lines for the `flood` fault, in the app JSON shape.
///
/// They are not part of the script: they model a log burst that a watcher must survive
/// without falling behind or losing the story's lines.
struct DemoFloodLines {
    private let formatter: DemoLogFormatter
    private var random: SplitMix64
    static let batchSize = 500

    init(script: DemoScript) {
        formatter = DemoLogFormatter(start: script.start)
        random = SplitMix64.stream(seed: script.seed, index: 0xF100D)
    }

    mutating func batch(at simulatedTime: Double) -> [String] {
        var lines: [String] = []
        lines.reserveCapacity(Self.batchSize)
        for _ in 0..<Self.batchSize {
            let user = "demo-user-" + DemoTimestamp.zeroPadded(random.within(1...40), width: 3)
            let entry = DemoEntry(
                time: simulatedTime, shape: .appJSON, severity: "INFO", logger: "netra_backend.app.routes.threads",
                message: "GET /api/threads/\(user) 200 \(random.within(12...900))ms", noise: random.next())
            lines.append(formatter.line(for: entry, revision: "").text)
        }
        return lines
    }
}
