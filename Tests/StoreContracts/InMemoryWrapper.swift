public import Store

/// A test store wrapped around an `InMemoryStore`: it forwards the live state there, so a test store declares only
/// what it changes (counting, slowing down) and the rest stays the real in-memory behaviour.
public protocol InMemoryWrapper: LiveStateStore {
    var store: InMemoryStore { get }
}

extension InMemoryWrapper {
    public func snapshot() async throws(StoreError) -> LiveSnapshot { try await store.snapshot() }

    public func liveSerial() async throws(StoreError) -> LiveSerial { try await store.liveSerial() }

    @discardableResult
    public func commit(_ changes: StoreChangeSet) async throws(StoreError) -> Int64 { try await store.commit(changes) }

    public func setActive(_ name: String, _ active: Bool) async throws(StoreError) {
        try await store.setActive(name, active)
    }
}
