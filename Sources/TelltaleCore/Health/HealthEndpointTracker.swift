/// Turns the stream of health results for one endpoint into a state with a
/// reason, a bounded history, and the readouts the dashboard and the verdict
/// need.
///
/// A pure state machine: the poller hands it results (time inside), it never
/// reads a clock, so replays and tests drive it exactly. State changes follow
/// the policy's thresholds so one slow poll does not page anyone; the very
/// first result decides the state at once, since there is no earlier state to
/// protect from flapping.
public struct HealthEndpointTracker: Sendable {
    /// One stored result, reduced to what the readouts use.
    private struct Entry: Sendable {
        var time: Double
        /// nil when the request got no HTTP answer.
        var latency: Double?
        var state: HealthState
    }

    public let name: String
    public let policy: HealthPolicy
    /// How many results `latencies`, `successRatio` and `lastResultsHealthy` see.
    public let historySize: Int
    public private(set) var state: HealthState = .unknown
    /// Start time of the result that brought the current state; nil while unknown.
    public private(set) var stateSince: Double?
    public private(set) var lastResult: HealthResult?
    /// How the policy judged `lastResult`.
    public private(set) var lastAssessment: HealthAssessment?
    public private(set) var lastFailure: HealthFailure?
    /// Every result recorded, not only the stored history.
    public private(set) var resultCount = 0
    /// Every result judged degraded or down.
    public private(set) var failureCount = 0
    /// The version the endpoint last reported in its body, kept across failures
    /// so a deploy shows as the moment it changes.
    public private(set) var version: String?
    private var history: [Entry] = []
    private var failingStreak = 0
    private var passingStreak = 0

    /// Keys a health body names its build with, in order of preference.
    static let versionKeys = ["version", "revision", "build", "commit", "git_sha"]

    /// - Parameters:
    ///   - name: the endpoint, as shown (`/health`).
    ///   - policy: how results are judged.
    ///   - historySize: results kept for the sparkline and the ratios (at least 1).
    public init(name: String, policy: HealthPolicy, historySize: Int = 120) {
        self.name = name
        self.policy = policy
        self.historySize = max(1, historySize)
    }

    /// Takes one result.
    ///
    /// - Parameters:
    ///   - result: the poller's result.
    ///   - json: its body parsed as JSON, nil when it is not JSON.
    /// - Returns: the state change this result completed, if any.
    @discardableResult
    public mutating func record(_ result: HealthResult, json: JSONValue?) -> HealthStateChange? {
        let assessment = policy.assess(result, json: json)
        resultCount += 1
        lastResult = result
        lastAssessment = assessment
        if let reported = Self.version(in: json) { version = reported }
        history.append(Entry(time: result.time, latency: result.status == nil ? nil : result.latency, state: assessment.state))
        if history.count > historySize { history.removeFirst(history.count - historySize) }

        let target: HealthState?
        if assessment.state == .healthy {
            passingStreak += 1
            failingStreak = 0
            target = state == .unknown || passingStreak >= policy.successThreshold ? .healthy : nil
        } else {
            failingStreak += 1
            passingStreak = 0
            failureCount += 1
            lastFailure = HealthFailure(at: result.time, state: assessment.state, reason: assessment.reason)
            target = state == .unknown || failingStreak >= policy.failureThreshold ? assessment.state : nil
        }
        guard let target, target != state else { return nil }
        let change = HealthStateChange(endpoint: name, from: state, to: target, at: result.time, reason: assessment.reason)
        state = target
        stateSince = result.time
        return change
    }

    /// Latencies of the stored results, newest last; nil where the request got
    /// no answer, so a sparkline can show the gap.
    public var latencies: [Double?] { history.map(\.latency) }

    /// The share of stored results in `[now - seconds, now]` that were healthy;
    /// nil when none fall in the window.
    public func successRatio(over seconds: Double, now: Double) -> Double? {
        let inWindow = history.filter { $0.time >= now - seconds && $0.time <= now }
        guard !inWindow.isEmpty else { return nil }
        return Double(inWindow.count(where: { $0.state == .healthy })) / Double(inWindow.count)
    }

    /// Whether each of the last `n` results was healthy; false when fewer than
    /// `n` were recorded (or kept), since absent evidence proves nothing.
    public func lastResultsHealthy(_ n: Int) -> Bool {
        guard n > 0 else { return true }
        guard history.count >= n else { return false }
        return history.suffix(n).allSatisfy { $0.state == .healthy }
    }

    /// The first non-empty top-level string among `versionKeys`.
    static func version(in json: JSONValue?) -> String? {
        guard let json else { return nil }
        for key in versionKeys {
            if let text = json[key]?.stringValue?.trimmingWhitespace(), !text.isEmpty { return text }
        }
        return nil
    }
}
