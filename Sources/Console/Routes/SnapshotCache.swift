import Store
import Synchronization

/// The live webhooks as last read, kept between requests: each page asks the store for its serial (one row) and
/// reads and decodes every webhook again only when the serial moved. Every write to the live webhooks moves it, so a
/// page never shows a webhook older than the store's.
final class SnapshotCache: Sendable {
    private let kept = Mutex<LiveSnapshot?>(nil)

    /// The store's current snapshot: the kept one while the store's serial still matches it, a fresh read otherwise.
    func snapshot(of store: any LiveStateStore) async throws(StoreError) -> LiveSnapshot {
        let current = try await store.liveSerial()
        if let snapshot = kept.withLock({ $0 }), snapshot.liveSerial == current { return snapshot }
        let fresh = try await store.snapshot()
        kept.withLock { kept in
            // Two requests may read at once; keep the newer, so a slow reader cannot put an older snapshot back.
            if let old = kept, old.lineage == fresh.lineage, old.serial > fresh.serial { return }
            kept = fresh
        }
        return fresh
    }
}
