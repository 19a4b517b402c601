/// Counts messages grouped by `MessageTemplate`, with windows and a trend each.
///
/// The number of templates is bounded by `capacity`: once that many exist, any
/// further new template is counted under one `"(other templates)"` entry, so the
/// overall total and the sum of the per-template counts both stay exact while a
/// flood of never-repeating messages cannot grow memory.
public struct TemplateCounter: Sendable {
    /// The entry that collects templates beyond `capacity`.
    public static let otherTemplates = "(other templates)"
    private static let otherTemplatesHash: UInt64 = {
        var text = otherTemplates
        return text.withUTF8 { TemplateIndex.hash($0) }
    }()
    /// The trend's shape: 15 buckets of one minute.
    public static let trendBuckets = 15
    public static let trendInterval: Double = 60

    private struct Entry: Sendable {
        var template: String
        /// `TemplateIndex.hash` of the template's bytes.
        var hash: UInt64
        var counts: EventCount
        var example: String
        var lastSeen: Double
    }

    public let windows: CounterWindows
    public let capacity: Int
    private var all: EventCount
    private var entries: [Entry] = []
    private var index: TemplateIndex
    private let span: Double

    public init(windows: CounterWindows, capacity: Int = 512) {
        self.windows = windows
        self.capacity = max(1, capacity)
        span = max(windows.long, Self.trendInterval * Double(Self.trendBuckets))
        all = EventCount(span: span)
        index = TemplateIndex(capacity: self.capacity)
    }

    /// Every message recorded.
    public var total: Int { all.total }

    public mutating func record(message: String, at time: Double) {
        all.add(at: time)
        // The template is looked up by its bytes: a String is built only for
        // a new one.
        let found = MessageTemplate.withTemplate(of: message) { entryNumber(forTemplate: $0) }
        entries[found].counts.add(at: time)
        if time >= entries[found].lastSeen {
            entries[found].lastSeen = time
            entries[found].example = message
        }
    }

    /// The entry of the template spelled by `bytes`, added when new; once
    /// `capacity` templates exist, a new one is the `otherTemplates` entry.
    private mutating func entryNumber(forTemplate bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let hash = TemplateIndex.hash(bytes)
        if let known = index.find(hash: hash, where: { self.entries[$0].hash == hash && TemplateIndex.spells(self.entries[$0].template, bytes) }) {
            return known
        }
        guard entries.count >= capacity else {
            return add(template: String(decoding: bytes, as: UTF8.self), hash: hash)
        }
        let other = Self.otherTemplatesHash
        return index.find(hash: other, where: { self.entries[$0].template == Self.otherTemplates })
            ?? add(template: Self.otherTemplates, hash: other)
    }

    private mutating func add(template: String, hash: UInt64) -> Int {
        var counts = EventCount(span: span)
        if let deployAt = all.deployAt { counts.deployed(at: deployAt) }
        index.insert(entries.count, hash: hash)
        entries.append(Entry(template: template, hash: hash, counts: counts, example: "", lastSeen: -.infinity))
        return entries.count - 1
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
            return TemplateStats(
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
