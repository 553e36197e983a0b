public import Foundation
import Synchronization

/// A complete store held in memory, for unit tests and as the reference behaviour of the contract suite.
public final class InMemoryStore: ReconcilerStore {
    struct State {
        var snapshot: LiveSnapshot
        var log: [ApplyLogEntry] = []
        var lock: LeaseLock?
        /// The invocation history, oldest first (see `InMemoryStore+History.swift`).
        var invocations: [Invocation] = []
        /// The delivery queue (see `InMemoryStore+Queue.swift`).
        var queue = QueueState()
    }

    let state: Mutex<State>
    let clock: any WallClock

    public init(clock: any WallClock = SystemClock(), lineage: String = UUID().uuidString.lowercased()) {
        self.clock = clock
        state = Mutex(State(snapshot: LiveSnapshot(lineage: lineage, serial: 0, webhooks: [:])))
    }

    public func snapshot() async throws(StoreError) -> LiveSnapshot {
        state.withLock { $0.snapshot }
    }

    public func liveSerial() async throws(StoreError) -> LiveSerial {
        state.withLock { $0.snapshot.liveSerial }
    }

    @discardableResult
    public func commit(_ changes: StoreChangeSet) async throws(StoreError) -> Int64 {
        let now = clock.now.date
        return try state.withLock { state throws(StoreError) -> Int64 in
            try changes.checkLock(state.lock, now: now)
            var live = state.snapshot
            let stale = changes.staleChanges(lineage: live.lineage, serial: live.serial) { live.webhooks[$0]?.version }
            guard stale.isEmpty else { throw .stale(stale) }
            for name in changes.deletes {
                live.webhooks[name] = nil
                state.queue.failureRuns[name] = nil
            }
            for upsert in changes.upserts {
                // An active version (enabled, or applied) starts a fresh run of failures.
                if upsert.state.webhook.active { state.queue.failureRuns[upsert.state.name] = nil }
                let old = live.webhooks[upsert.state.name]
                live.webhooks[upsert.state.name] = LiveWebhook(
                    state: upsert.state, managedBy: upsert.managedBy, version: (old?.version ?? 0) + 1,
                    createdAt: old?.createdAt ?? now, updatedAt: now)
            }
            live.serial += 1
            var entry = changes.log
            entry.appliedAt = now
            entry.serial = live.serial
            state.log.append(entry)
            state.snapshot = live
            return live.serial
        }
    }

    public func setActive(_ name: String, _ active: Bool) async throws(StoreError) {
        let now = clock.now.date
        try state.withLock { state throws(StoreError) in
            guard var row = state.snapshot.webhooks[name] else { throw .notFound(name) }
            row.state.webhook.active = active
            if active { state.queue.failureRuns[name] = nil }
            row.version += 1
            row.updatedAt = now
            row.driftedFields.insert("active")
            row.disabledReason = nil
            state.snapshot.webhooks[name] = row
            state.snapshot.serial += 1
        }
    }

    public func applyLog(limit: Int) async throws(StoreError) -> [ApplyLogEntry] {
        state.withLock { Array($0.log.reversed().prefix(limit)) }
    }

    public func acquireLock(owner: String, ttl: Duration) async throws(StoreError) -> LeaseLock {
        let now = clock.now.date
        return try state.withLock { state throws(StoreError) -> LeaseLock in
            if let held = state.lock, held.isLive(at: now) { throw .lockHeld(held) }
            let lock = LeaseLock(
                id: UUID().uuidString.lowercased(), owner: owner, acquiredAt: now, expiresAt: now.adding(ttl))
            state.lock = lock
            return lock
        }
    }

    public func renewLock(_ id: String, ttl: Duration) async throws(StoreError) -> LeaseLock {
        let now = clock.now.date
        return try state.withLock { state throws(StoreError) -> LeaseLock in
            guard var lock = state.lock, lock.id == id, lock.isLive(at: now) else { throw .lockLost(id) }
            lock.expiresAt = now.adding(ttl)
            state.lock = lock
            return lock
        }
    }

    public func releaseLock(_ id: String) async throws(StoreError) -> Bool {
        state.withLock { state in
            guard state.lock?.id == id else { return false }
            state.lock = nil
            return true
        }
    }

    public func currentLock() async throws(StoreError) -> LeaseLock? {
        state.withLock { $0.lock }
    }
}
