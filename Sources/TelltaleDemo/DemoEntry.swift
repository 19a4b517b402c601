/// One log entry of the script before it is formatted into text.
///
/// Keeping the structured entry (and what it means, `fact`) separate from the text lets the
/// ground truth count facts exactly instead of re-parsing the lines it produced.
struct DemoEntry: Sendable {
    /// What an entry stands for, for the ground truth.
    enum Fact: Sendable, Equatable {
        case duplicationWarning(user: String)
        case duplicationIssueList(users: [String])
        case ssotViolation(user: String)
        case duplicateRegistration(existingUser: String, requestedUser: String)
        case databaseTimeout
        case idManagerInitialized
        case databaseConnected
    }

    /// The `httpRequest` of a Cloud Run request log (LogEntry shape, no payload).
    struct Request: Sendable, Equatable {
        var method: String
        var url: String
        var status: Int
        var latency: Double
        var userAgent: String
    }

    var time: Double
    var shape: DemoLogShape
    var severity: String
    var logger: String
    var message: String
    var fact: Fact? = nil
    /// Cloud Run platform messages travel as `textPayload` rather than `jsonPayload`.
    var isPlatformText = false
    /// Set for Cloud Run request logs, which carry no message.
    var request: Request? = nil
    /// Random bits for the parts of a line that carry no meaning (insert ids, line numbers).
    var noise: UInt64 = 0
}
