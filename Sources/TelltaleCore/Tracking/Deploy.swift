/// A deploy: the moment a new revision started serving.
///
/// Every since-deploy count splits at `at`, the log time of the first entry
/// (or health body) of the new revision.
public struct Deploy: Sendable, Equatable {
    public var at: Double
    /// The new revision, health version, or the label of a manual mark.
    public var revision: String
    public var origin: DeployOrigin

    public init(at: Double, revision: String, origin: DeployOrigin) {
        self.at = at
        self.revision = revision
        self.origin = origin
    }
}
