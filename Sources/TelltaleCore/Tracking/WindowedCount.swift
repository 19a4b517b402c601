/// Event counts per second of log time, over the last `span` seconds.
///
/// Every window readout of telltale (the last minute, the last 15 minutes, the
/// sparkline trend, the since-deploy split of late events) comes from this one
/// structure, so all of them agree. It counts exactly at second granularity.
///
/// Storage is sparse: one bucket per second that actually had events, kept in
/// time order, and buckets older than `span` seconds behind the newest event are
/// dropped. A counter that sees a few events costs a few buckets, which is what
/// lets a per-user table hold thousands of these; a busy counter never holds more
/// than `span` buckets. Appending to a warm buffer does not allocate; events that
/// arrive out of order (merged sources) are placed in their own second. An event
/// older than what the ring covers is ignored here: totals belong to the caller.
public struct WindowedCount: Sendable {
    /// One second of log time and how many events fell in it.
    private struct Bucket: Sendable {
        var second: Int64
        var count: Int
    }

    /// How many seconds the ring covers behind its newest event.
    public let span: Double
    /// `span` in whole seconds: the number of buckets that can be live at once.
    private let slots: Int64
    /// Live buckets are `buckets[head...]`, sorted by second, without repeats.
    private var buckets: [Bucket] = []
    private var head = 0
    /// Every event at a second ≥ this was kept; earlier ones may have been dropped.
    private var completeFrom: Int64 = .min

    public init(span: Double) {
        self.span = span
        let whole = span.isFinite ? span.rounded(.up) : 86_400
        slots = Int64(Swift.min(Swift.max(whole, 1), 10_000_000))
    }

    /// Counts `count` events at log time `time`.
    public mutating func add(at time: Double, count: Int = 1) {
        guard count > 0, let second = Self.second(of: time) else { return }
        guard head < buckets.count else {
            buckets.append(Bucket(second: second, count: count))
            return
        }
        let newest = buckets[buckets.count - 1].second
        if second == newest {
            buckets[buckets.count - 1].count += count
        } else if second > newest {
            buckets.append(Bucket(second: second, count: count))
            dropBuckets(atOrBefore: second - slots)
        } else if second <= newest - slots {
            completeFrom = Swift.max(completeFrom, second + 1)
        } else {
            let index = firstIndex(atOrAfter: second)
            if index < buckets.count, buckets[index].second == second {
                buckets[index].count += count
            } else {
                buckets.insert(Bucket(second: second, count: count), at: index)
            }
        }
    }

    /// Events whose time falls in `(now - seconds, now]`, by whole seconds.
    public func count(inLast seconds: Double, now: Double) -> Int {
        guard let nowSecond = Self.second(of: now), seconds > 0 else { return 0 }
        let width = Int64(Swift.min(seconds.rounded(.up), 1e12))
        var total = 0
        var index = buckets.count - 1
        while index >= head {
            let bucket = buckets[index]
            if bucket.second <= nowSecond - width { break }
            if bucket.second <= nowSecond { total += bucket.count }
            index -= 1
        }
        return total
    }

    /// Events from the second containing `time` up to `now`, or nil when the ring
    /// no longer covers `time` (older than `span` before `now`, or older than
    /// events it has had to drop).
    public func count(since time: Double, now: Double) -> Int? {
        guard let from = Self.second(of: time), let nowSecond = Self.second(of: now) else { return nil }
        if from <= nowSecond - slots || from < completeFrom { return nil }
        return heldCount(from: from, through: nowSecond)
    }

    /// Events from the second containing `time` that the ring still holds: exact
    /// when `count(since:now:)` is not nil, a lower bound otherwise.
    func heldCount(since time: Double) -> Int {
        guard let from = Self.second(of: time) else { return 0 }
        return heldCount(from: from, through: .max)
    }

    /// Counts per interval of `interval` seconds, `buckets` of them, oldest first;
    /// the last one ends at `now` (a trend or sparkline).
    public func perInterval(_ interval: Double, buckets count: Int, now: Double) -> [Int] {
        guard count > 0 else { return [] }
        var result = [Int](repeating: 0, count: count)
        guard let nowSecond = Self.second(of: now), interval > 0 else { return result }
        let width = Int64(Swift.max(1, Swift.min(interval.rounded(.up), 1e12)))
        var index = buckets.count - 1
        while index >= head {
            let bucket = buckets[index]
            index -= 1
            let age = nowSecond - bucket.second
            if age < 0 { continue }
            let slot = Int64(count - 1) - age / width
            if slot < 0 { break }
            result[Int(slot)] += bucket.count
        }
        return result
    }

    /// Forgets every event but keeps the buffer, so a table that recycles a slot
    /// for a new key does not allocate.
    mutating func removeAll() {
        buckets.removeAll(keepingCapacity: true)
        head = 0
        completeFrom = .min
    }

    /// Every event the ring holds.
    public var heldTotal: Int {
        var total = 0
        for index in head..<buckets.count { total += buckets[index].count }
        return total
    }

    // MARK: - Internals

    private func heldCount(from: Int64, through last: Int64) -> Int {
        var total = 0
        var index = buckets.count - 1
        while index >= head {
            let bucket = buckets[index]
            if bucket.second < from { break }
            if bucket.second <= last { total += bucket.count }
            index -= 1
        }
        return total
    }

    /// The first live index whose second is ≥ `second` (binary search).
    private func firstIndex(atOrAfter second: Int64) -> Int {
        var low = head
        var high = buckets.count
        while low < high {
            let middle = (low + high) / 2
            if buckets[middle].second < second { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private mutating func dropBuckets(atOrBefore limit: Int64) {
        while head < buckets.count, buckets[head].second <= limit {
            completeFrom = Swift.max(completeFrom, buckets[head].second + 1)
            head += 1
        }
        // Compacting in place once half the buffer is dead keeps removal amortized
        // O(1) without reallocating.
        if head >= 16, head * 2 >= buckets.count {
            buckets.removeSubrange(0..<head)
            head = 0
        }
    }

    /// The whole second containing `time`, or nil for times no log can carry.
    private static func second(of time: Double) -> Int64? {
        guard time.isFinite, abs(time) < 1e15 else { return nil }
        return Int64(time.rounded(.down))
    }
}
