import Store
import StoreContracts
import Synchronization
import Testing

@testable import Console

/// The console's kept snapshot: read again exactly when the store's serial moved.
@Suite struct SnapshotCacheTests {
    /// An in-memory store that counts full snapshot reads.
    final class CountingStore: InMemoryWrapper {
        let store = InMemoryStore()
        let reads = Mutex(0)

        func snapshot() async throws(StoreError) -> LiveSnapshot {
            reads.withLock { $0 += 1 }
            return try await store.snapshot()
        }
    }

    @Test func aSnapshotIsReadAgainOnlyWhenTheSerialMoved() async throws {
        let store = CountingStore()
        try await store.commit(Fixtures.changes(against: try await store.snapshot(), upserts: [Fixtures.state("a")]))
        store.reads.withLock { $0 = 0 }
        let cache = SnapshotCache()

        let first = try await cache.snapshot(of: store)
        let second = try await cache.snapshot(of: store)
        #expect(first == second)
        #expect(store.reads.withLock { $0 } == 1)

        try await store.setActive("a", false)
        let afterDisable = try await cache.snapshot(of: store)
        #expect(afterDisable.webhooks["a"]?.state.webhook.active == false)
        #expect(afterDisable.serial == first.serial + 1)
        #expect(store.reads.withLock { $0 } == 2)

        try await store.commit(Fixtures.changes(against: afterDisable, upserts: [Fixtures.state("b")]))
        #expect(try await cache.snapshot(of: store).webhooks.keys.sorted() == ["a", "b"])
        #expect(try await cache.snapshot(of: store).webhooks.keys.sorted() == ["a", "b"])
        #expect(store.reads.withLock { $0 } == 3)
    }
}
