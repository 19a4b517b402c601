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
