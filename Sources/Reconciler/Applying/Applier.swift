public import Store

/// Applies a plan under the lease lock, in one transaction, refusing when the store moved since the plan.
public struct Applier: Sendable {
    /// What an apply wrote.
    public struct Result: Hashable, Sendable {
        public var serial: Int64
        public var added: Int
        public var changed: Int
        public var deleted: Int

        public init(serial: Int64, added: Int, changed: Int, deleted: Int) {
            self.serial = serial
            self.added = added
            self.changed = changed
            self.deleted = deleted
        }
    }

    public var store: any ReconcilerStore
    /// Who holds the lock: `user@host pid N`.
    public var owner: String
    /// How long the lease lasts without renewal; a killed apply's lock lapses after this.
    public var leaseTTL: Duration

    public init(store: any ReconcilerStore, owner: String, leaseTTL: Duration = .seconds(120)) {
        self.store = store
        self.owner = owner
        self.leaseTTL = leaseTTL
    }

    /// Takes the lock, commits the plan's changes all or nothing, and releases the lock (also on failure).
    ///
    /// Throws `lockHeld` when another apply holds a live lease and `stale` when the lineage, the serial or an
    /// affected webhook's version moved since the plan.
    public func apply(_ plan: Plan, planDigest: String, actor: String) async throws(StoreError) -> Result {
        let lock = try await store.acquireLock(owner: owner, ttl: leaseTTL)
        do {
            _ = try await store.renewLock(lock.id, ttl: leaseTTL)
            let changes = Self.changeSet(plan, planDigest: planDigest, actor: actor, lockID: lock.id)
            let serial = try await store.commit(changes)
            _ = try? await store.releaseLock(lock.id)
            return Result(serial: serial, added: plan.toAdd, changed: plan.toChange, deleted: plan.toDelete)
        } catch {
            _ = try? await store.releaseLock(lock.id)
            throw error
        }
    }

    /// The store writes that carry out a plan, with the versions it was planned against.
    public static func changeSet(_ plan: Plan, planDigest: String, actor: String, lockID: String?) -> StoreChangeSet {
        var versions: [String: Int64?] = [:]
        var upserts: [StoreChangeSet.Upsert] = []
        var deletes: [String] = []
        for change in plan.changes {
            versions[change.name] = change.liveVersion
            switch change.action {
            case .create, .update:
                if let desired = change.desired { upserts.append(.init(state: desired.state, managedBy: plan.setID)) }
            case .delete:
                deletes.append(change.name)
            }
        }
        return StoreChangeSet(
            expectedLineage: plan.lineage, expectedSerial: plan.serial, expectedVersions: versions, upserts: upserts,
            deletes: deletes, lockID: lockID,
            log: ApplyLogEntry(
                actor: actor, planDigest: planDigest, added: plan.toAdd, changed: plan.toChange, deleted: plan.toDelete)
        )
    }
}
