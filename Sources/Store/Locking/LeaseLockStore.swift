/// The lease lock that keeps two applies from interleaving.
public protocol LeaseLockStore: Sendable {
    /// Takes the lock for `ttl` unless another owner's lease is still live; a lapsed lease is taken over.
    func acquireLock(owner: String, ttl: Duration) async throws(StoreError) -> LeaseLock
    /// Extends a held lease; throws `lockLost` when it is no longer ours.
    func renewLock(_ id: String, ttl: Duration) async throws(StoreError) -> LeaseLock
    /// Releases the lock if `id` holds it; returns whether it did.
    @discardableResult
    func releaseLock(_ id: String) async throws(StoreError) -> Bool
    /// The lock row, live or lapsed, if any.
    func currentLock() async throws(StoreError) -> LeaseLock?
}

/// Everything `apply` needs from a store.
public typealias ReconcilerStore = LiveStateStore & ApplyLogStore & LeaseLockStore

/// A store that serves every seam: what `StoreSelection` opens for the commands and the runner.
public typealias StoreBackend = ReconcilerStore & InvocationHistoryStore & DeliveryQueueStore
