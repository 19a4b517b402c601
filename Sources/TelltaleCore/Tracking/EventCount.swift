/// One kind of event counted three ways: an exact total, a log-time window, and
/// the part at or after the latest deploy.
///
/// Every tracker needs the same three numbers for each thing it counts, and the
/// since-deploy split has one subtle rule worth writing once: when a deploy is
/// declared, events already recorded with a time at or after it count as after
/// the deploy (sources are merged, so late events are normal), and every event
/// recorded later is placed by its own time. The split is exact for events within
/// `span` seconds of the newest event when the deploy is declared: the window
/// counts whole seconds, and the exact times of the newest few events settle the
/// deploy's own second (a deploy at 12:20:03.877 must not take the events of
/// 12:20:03.2). Only when more than `boundaryMemory` events fell in that second
/// before the deploy may a few of them count as after it; events the window had
/// already dropped are not recovered.
public struct EventCount: Sendable {
    public private(set) var total = 0
    public private(set) var window: WindowedCount
    /// Time of the latest deploy, when one was declared.
    public private(set) var deployAt: Double?
    public private(set) var sinceDeploy = 0
    /// Newest event time seen (log time), or nil before any event.
    public private(set) var newest: Double?
    /// Exact times (and counts) of the newest events, a small ring.
    private var recent: [(time: Double, count: Int)] = []
    private var recentNext = 0
    static let boundaryMemory = 16

    public init(span: Double) {
        window = WindowedCount(span: span)
    }

    public mutating func add(at time: Double, count: Int = 1) {
        guard count > 0 else { return }
        total += count
        window.add(at: time, count: count)
        if let deployAt, time >= deployAt { sinceDeploy += count }
        if time.isFinite, newest.map({ time > $0 }) ?? true { newest = time }
        if recent.count < Self.boundaryMemory {
            recent.append((time, count))
        } else {
            recent[recentNext] = (time, count)
        }
        recentNext = (recentNext + 1) % Self.boundaryMemory
    }

    /// Starts the since-deploy split at `time`.
    public mutating func deployed(at time: Double) {
        deployAt = time
        // Whole seconds from the deploy's second on, less the events of that
        // second that came before the deploy itself.
        let secondStart = time.rounded(.down)
        let early = recent.reduce(0) { $0 + ($1.time >= secondStart && $1.time < time ? $1.count : 0) }
        sinceDeploy = max(0, window.heldCount(since: time) - early)
    }

    /// Starts over at zero (keeping the deploy time and the window's buffer).
    mutating func reset() {
        total = 0
        sinceDeploy = 0
        newest = nil
        recent.removeAll()
        recentNext = 0
        window.removeAll()
    }

    /// Events in `(now - seconds, now]`.
    public func count(inLast seconds: Double, now: Double) -> Int {
        window.count(inLast: seconds, now: now)
    }
}
