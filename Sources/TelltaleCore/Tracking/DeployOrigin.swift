/// Where telltale learned of a deploy.
public enum DeployOrigin: String, Sendable, CaseIterable {
    /// A new Cloud Run revision in the logs.
    case logs
    /// A new version in a health endpoint's body.
    case health
    /// Marked by the user.
    case manual
}
