/// Counts messages grouped by `MessageTemplate`, with windows and a trend each.
///
/// The number of templates is bounded by `capacity`: once that many exist, any
/// further new template is counted under one `"(other templates)"` entry, so the
/// overall total and the sum of the per-template counts both stay exact while a
/// flood of never-repeating messages cannot grow memory.
public struct TemplateCounter: Sendable {
    /// The entry that collects templates beyond `capacity`.
    public static let otherTemplates = "(other templates)"
    /// The trend's shape: 15 buckets of one minute.
    public static let trendBuckets = 15
    public static let trendInterval: Double = 60

    private struct Entry: Sendable {
        var template: String
        var counts: EventCount
        var example: String
        var lastSeen: Double
    }

    public let windows: CounterWindows
    public let capacity: Int
    private var all: EventCount
    private var entries: [Entry] = []
    private var indexOfTemplate: [String: Int] = [:]
    private let span: Double

    public init(windows: CounterWindows, capacity: Int = 512) {
        self.windows = windows
        self.capacity = max(1, capacity)
        span = max(windows.long, Self.trendInterval * Double(Self.trendBuckets))
        all = EventCount(span: span)
    }

    /// Every message recorded.
    public var total: Int { all.total }

    public mutating func record(message: String, at time: Double) {
        all.add(at: time)
        var template = MessageTemplate.make(message)
        // One lookup of the template (hashing it is a good part of a record).
        var found = indexOfTemplate[template]
        if found == nil, entries.count >= capacity {
            template = Self.otherTemplates
            found = indexOfTemplate[template]
        }
        if let index = found {
            entries[index].counts.add(at: time)
            if time >= entries[index].lastSeen {
                entries[index].lastSeen = time
                entries[index].example = message
            }
        } else {
            var counts = EventCount(span: span)
            if let deployAt = all.deployAt { counts.deployed(at: deployAt) }
            counts.add(at: time)
            indexOfTemplate[template] = entries.count
            entries.append(Entry(template: template, counts: counts, example: message, lastSeen: time))
        }
    }

    /// Starts the since-deploy split at `time`.
    public mutating func deployed(at time: Double) {
        all.deployed(at: time)
        for index in entries.indices { entries[index].counts.deployed(at: time) }
    }

    public func sinceDeploy() -> Int { all.sinceDeploy }

    public func count(inLast seconds: Double, now: Double) -> Int {
        all.count(inLast: seconds, now: now)
    }

    /// Every template, most frequent first (ties: most recent first).
    public func templates(now: Double) -> [TemplateStats] {
        templates(now: now, rows: 0..<entries.count)
    }

    /// How many templates `templates(now:)` lists.
    public var templateCount: Int { entries.count }

    /// Only the rows `rows` of `templates(now:)` (clamped to what exists): a
    /// screen shows a few of up to 512 templates, and windows and trends are
    /// worked out only for those.
    public func templates(now: Double, rows: Range<Int>) -> [TemplateStats] {
        let order = entries.indices.sorted {
            let a = entries[$0], b = entries[$1]
            return (a.counts.total, a.lastSeen, b.template) > (b.counts.total, b.lastSeen, a.template)
        }
        let shown = rows.clamped(to: 0..<order.count)
        return order[shown].map { index in
            let entry = entries[index]
            return
            TemplateStats(
                template: entry.template, count: entry.counts.total,
                short: entry.counts.count(inLast: windows.short, now: now),
                long: entry.counts.count(inLast: windows.long, now: now),
                sinceDeploy: entry.counts.sinceDeploy,
                trend: entry.counts.window.perInterval(Self.trendInterval, buckets: Self.trendBuckets, now: now),
                example: entry.example, lastSeen: entry.lastSeen
            )
        }
    }
}
