/// How often one message template occurred, for the warnings panel and report.
public struct TemplateStats: Sendable, Equatable {
    public var template: String
    /// Every occurrence (exact).
    public var count: Int
    /// Occurrences in the short window.
    public var short: Int
    /// Occurrences in the long window.
    public var long: Int
    public var sinceDeploy: Int
    /// Occurrences in each of the last 15 minutes, oldest first (a sparkline).
    public var trend: [Int]
    /// The message with the newest log time, to show what the template stands for.
    public var example: String
    public var lastSeen: Double

    public init(
        template: String, count: Int, short: Int, long: Int, sinceDeploy: Int,
        trend: [Int], example: String, lastSeen: Double
    ) {
        self.template = template
        self.count = count
        self.short = short
        self.long = long
        self.sinceDeploy = sinceDeploy
        self.trend = trend
        self.example = example
        self.lastSeen = lastSeen
    }
}
