/// The phases of the scripted deploy, as the health endpoints see them.
///
/// Each phase fixes the status and body of `/health`, `/health/ready` and `/health/backend`.
public enum DemoPhase: String, Sendable, Hashable, CaseIterable {
    /// The container is starting; the database phase has not finished.
    case startingUp = "starting-up"
    /// Database initialization timed out and the startup sequence failed.
    case startupFailed = "startup-failed"
    /// The first revision recovered and serves traffic (version 1.0.0).
    case serving = "serving"
    /// The new revision is deployed and serves traffic (version 1.0.1).
    case deployed = "deployed"

    /// The version string `/health` reports in this phase.
    public var version: String {
        self == .deployed ? "1.0.1" : "1.0.0"
    }
}
