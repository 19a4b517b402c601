/// One criterion of the deploy validation: what must hold for `check` to pass.
///
/// Criteria come from flags and/or the config file's `check.criteria` list. A
/// criterion whose input is absent (health criteria without `--health`) is
/// reported as skipped and does not decide the verdict.
public enum CheckCriterion: Sendable, Equatable {
    /// Each watched user has at most `max` duplication entries in the long
    /// window (default: 0 in 15 min). Config key `duplication_in_window`.
    case duplicationInWindow(max: Int)
    /// Each watched user (every user when none is watched) has at most `max`
    /// duplication entries since the last deploy. Config key
    /// `duplication_since_deploy`.
    case duplicationSinceDeploy(max: Int)
    /// The last `polls` health results of every endpoint were healthy, and the
    /// overall state is healthy at the end. Config key `health_healthy`.
    case healthHealthy(polls: Int)
    /// `UnifiedIDManager initialized` was seen (since the last deploy when there
    /// was one). Config key `id_manager_initialized`.
    case idManagerInitialized
    /// No database timeout since the last deploy (in the whole input when no
    /// deploy was seen). Config key `no_database_timeout_since_deploy`.
    case noDatabaseTimeoutSinceDeploy
    /// No ID collision since the last deploy. Config key
    /// `no_id_collision_since_deploy`.
    case noIDCollisionSinceDeploy

    /// The default criteria of the original validation report: no duplication
    /// for any watched user in the window, health healthy at the end, ID
    /// manager initialised.
    public static let defaults: [CheckCriterion] = [
        .duplicationInWindow(max: 0), .healthHealthy(polls: 1), .idManagerInitialized,
    ]

    /// The stable name used in reports and the JSON `checks[].name`.
    public var name: String {
        switch self {
        case .duplicationInWindow: "duplication_in_window"
        case .duplicationSinceDeploy: "duplication_since_deploy"
        case .healthHealthy: "health_healthy"
        case .idManagerInitialized: "id_manager_initialized"
        case .noDatabaseTimeoutSinceDeploy: "no_database_timeout_since_deploy"
        case .noIDCollisionSinceDeploy: "no_id_collision_since_deploy"
        }
    }
}

extension CheckCriterion {
    /// Every config key / `--require` name, in documentation order.
    public static let names = [
        "duplication_in_window", "duplication_since_deploy", "health_healthy",
        "id_manager_initialized", "no_database_timeout_since_deploy", "no_id_collision_since_deploy",
    ]

    /// Parses a `--require` value: `NAME` or `NAME=N` (N is the maximum for the
    /// duplication criteria and the number of polls for `health_healthy`).
    public init(requirement text: String) throws(CriterionParseError) {
        let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingWhitespace() }
        let name = String(parts[0].map { $0 == "-" ? "_" : $0 })
        var number: Int?
        if parts.count == 2 {
            guard let n = Int(parts[1]), n >= 0 else {
                throw CriterionParseError(text: text, reason: "'\(parts[1])' is not a non-negative whole number")
            }
            number = n
        }
        func noValue() throws(CriterionParseError) {
            if number != nil { throw CriterionParseError(text: text, reason: "\(name) takes no value") }
        }
        switch name {
        case "duplication_in_window": self = .duplicationInWindow(max: number ?? 0)
        case "duplication_since_deploy": self = .duplicationSinceDeploy(max: number ?? 0)
        case "health_healthy":
            guard (number ?? 1) >= 1 else { throw CriterionParseError(text: text, reason: "health_healthy needs at least 1 poll") }
            self = .healthHealthy(polls: number ?? 1)
        case "id_manager_initialized": try noValue(); self = .idManagerInitialized
        case "no_database_timeout_since_deploy": try noValue(); self = .noDatabaseTimeoutSinceDeploy
        case "no_id_collision_since_deploy": try noValue(); self = .noIDCollisionSinceDeploy
        default:
            throw CriterionParseError(text: text, reason: "unknown criterion '\(name)' (known: \(CheckCriterion.names.joined(separator: ", ")))")
        }
    }
}

/// A `--require` value that is not a criterion.
public struct CriterionParseError: Error, CustomStringConvertible, Equatable {
    public var text: String
    public var reason: String
    public var description: String { "--require \(text): \(reason)" }
}
