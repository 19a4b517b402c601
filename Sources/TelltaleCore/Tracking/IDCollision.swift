/// One entity (a connection, a thread) seen bound to different users.
///
/// With 32-bit legacy ids two users can draw the same id; the backend then hands
/// one user's connection state to another, which is the failure this exposes.
public struct IDCollision: Sendable, Equatable {
    public var entity: String
    /// The distinct users, the earliest known owner first.
    public var users: [String]
    public var at: Double

    public init(entity: String, users: [String], at: Double) {
        self.entity = entity
        self.users = users
        self.at = at
    }
}
