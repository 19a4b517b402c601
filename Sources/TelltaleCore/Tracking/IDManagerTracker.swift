/// Watches the backend's id manager: how often it is constructed, which id
/// formats appear in the logs, and entities bound to two different users.
///
/// A collision is the same entity seen bound to two different users, either in
/// one entry (`User: A, Requested User: B`) or across entries. The first user an
/// entity was seen with stays its owner, so every later sighting with another
/// user is one more collision. The entity→user memory holds at most
/// `collisionMemory` bindings and evicts the oldest first (counted in
/// `evictedBindings`): a collision whose first binding was already evicted is
/// missed, the price of bounded memory under an id explosion.
public struct IDManagerTracker: Sendable {
    /// How many collisions `recentCollisions` keeps.
    public static let recentCollisionLimit = 100

    public let collisionMemory: Int
    private var initialized: EventCount
    public private(set) var firstInitialized: Double?
    public private(set) var lastInitialized: Double?
    /// Id tokens seen per format, in `IDFormat.allCases` order: an array,
    /// not a dictionary, since every entry with an id adds to it.
    private var idEvents: [EventCount]
    private var collisions: EventCount
    /// The newest collisions, oldest first, newest last.
    public private(set) var recentCollisions: [IDCollision] = []
    public private(set) var evictedBindings = 0
    private var ownerOfEntity: [String: String] = [:]
    /// Entities in the order they were first bound; live from `bindingHead`.
    private var bindingOrder: [String] = []
    private var bindingHead = 0

    /// - Parameters:
    ///   - windows: the windows for `initialized(inLast:now:)` and
    ///     `collisions(inLast:now:)`, and how late an event may arrive and still
    ///     be placed on the right side of a deploy.
    ///   - collisionMemory: the most entity→user bindings remembered.
    public init(windows: CounterWindows = CounterWindows(), collisionMemory: Int = 100_000) {
        self.collisionMemory = max(1, collisionMemory)
        initialized = EventCount(span: windows.long)
        collisions = EventCount(span: windows.long)
        idEvents = IDFormat.allCases.map { _ in EventCount(span: windows.long) }
    }

    // MARK: - Recording

    /// Records one `UnifiedIDManager initialized`.
    public mutating func recordInitialized(at time: Double) {
        initialized.add(at: time)
        guard time.isFinite else { return }
        if firstInitialized.map({ time < $0 }) ?? true { firstInitialized = time }
        if lastInitialized.map({ time > $0 }) ?? true { lastInitialized = time }
    }

    /// Counts every id token in free text by format (see `IDTally.scan`).
    public mutating func scanIDs(in message: String, at time: Double) {
        record(ids: IDTally.scan(message), at: time)
    }

    /// Adds one entry's id tally at `time`.
    public mutating func record(ids tally: IDTally, at time: Double) {
        if tally.unified > 0 { idEvents[Self.slot(.unified)].add(at: time, count: tally.unified) }
        if tally.legacy > 0 { idEvents[Self.slot(.legacy)].add(at: time, count: tally.legacy) }
        if tally.fallback > 0 { idEvents[Self.slot(.fallback)].add(at: time, count: tally.fallback) }
    }

    /// Records that `entity` was seen bound to `users` (usually one; two distinct
    /// users in one entry are a collision at once).
    public mutating func recordBinding(entity: String, users: [String], at time: Double) {
        var distinct: [String] = []
        for user in users where !user.isEmpty && !distinct.contains(user) { distinct.append(user) }
        guard !entity.isEmpty, let firstUser = distinct.first else { return }
        if let owner = ownerOfEntity[entity] {
            if distinct != [owner] {
                var involved = [owner]
                for user in distinct where user != owner { involved.append(user) }
                recordCollision(IDCollision(entity: entity, users: involved, at: time))
            }
            return
        }
        if distinct.count > 1 { recordCollision(IDCollision(entity: entity, users: distinct, at: time)) }
        remember(entity: entity, owner: firstUser)
    }

    /// Starts the since-deploy split at `time`.
    public mutating func deployed(at time: Double) {
        initialized.deployed(at: time)
        collisions.deployed(at: time)
        for i in idEvents.indices { idEvents[i].deployed(at: time) }
    }

    // MARK: - Readouts

    public var initializedCount: Int { initialized.total }
    public func initializedSinceDeploy() -> Int { initialized.sinceDeploy }
    public func initialized(inLast seconds: Double, now: Double) -> Int {
        initialized.count(inLast: seconds, now: now)
    }

    /// Id tokens seen, by format (every format present, 0 when unseen).
    public var idCounts: [IDFormat: Int] {
        Dictionary(uniqueKeysWithValues: IDFormat.allCases.map { ($0, idEvents[Self.slot($0)].total) })
    }
    public func idCountsSinceDeploy() -> [IDFormat: Int] {
        Dictionary(uniqueKeysWithValues: IDFormat.allCases.map { ($0, idEvents[Self.slot($0)].sinceDeploy) })
    }

    /// A format's place in `idEvents`.
    private static func slot(_ format: IDFormat) -> Int {
        switch format {
        case .unified: 0
        case .legacy: 1
        case .fallback: 2
        }
    }

    public var collisionCount: Int { collisions.total }
    public func collisionsSinceDeploy() -> Int { collisions.sinceDeploy }
    public func collisions(inLast seconds: Double, now: Double) -> Int {
        collisions.count(inLast: seconds, now: now)
    }

    /// Bindings currently remembered (at most `collisionMemory`).
    public var rememberedBindings: Int { ownerOfEntity.count }

    // MARK: - Internals

    private mutating func recordCollision(_ collision: IDCollision) {
        collisions.add(at: collision.at)
        recentCollisions.append(collision)
        if recentCollisions.count > Self.recentCollisionLimit {
            recentCollisions.removeFirst(recentCollisions.count - Self.recentCollisionLimit)
        }
    }

    private mutating func remember(entity: String, owner: String) {
        ownerOfEntity[entity] = owner
        bindingOrder.append(entity)
        while ownerOfEntity.count > collisionMemory, bindingHead < bindingOrder.count {
            ownerOfEntity.removeValue(forKey: bindingOrder[bindingHead])
            bindingHead += 1
            evictedBindings += 1
        }
        // Compacting once half the queue is dead keeps eviction amortized O(1).
        if bindingHead >= 64, bindingHead * 2 >= bindingOrder.count {
            bindingOrder.removeSubrange(0..<bindingHead)
            bindingHead = 0
        }
    }
}
