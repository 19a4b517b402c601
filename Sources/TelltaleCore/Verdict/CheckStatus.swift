/// The outcome of one criterion.
public enum CheckStatus: String, Sendable, Equatable {
    case pass, fail, skipped, inconclusive
}

/// The overall verdict and the exit status a pipeline acts on.
public enum Verdict: String, Sendable, Equatable {
    case pass, fail, inconclusive

    /// 0 pass, 1 fail, 2 inconclusive (64 is reserved for usage errors).
    public var exitStatus: Int32 {
        switch self {
        case .pass: 0
        case .fail: 1
        case .inconclusive: 2
        }
    }
}

/// One criterion's result with the evidence a reader needs to trust it.
public struct CheckResult: Sendable, Equatable {
    public var name: String
    public var status: CheckStatus
    /// One sentence: "demo-user-001: 0 in the last 15m (max 0)".
    public var detail: String
    /// The entries that decided it (newest last), for the report.
    public var evidence: [LogRecord]

    public init(name: String, status: CheckStatus, detail: String, evidence: [LogRecord] = []) {
        self.name = name
        self.status = status
        self.detail = detail
        self.evidence = evidence
    }
}
