import Foundation
public import Store
import Testing

/// The lease-lock contract every store implementation meets; time moves only by the manual clock.
public enum LeaseLockContract {
    public static func heldLockBlocksAnotherOwnerUntilItExpires(_ make: StoreFactory<any ReconcilerStore>) async throws
    {
        let clock = ManualClock()
        let store = try await make(clock)
        let first = try await store.acquireLock(owner: "ci@runner pid 1", ttl: .seconds(60))
        #expect(first.expiresAt == clock.now.date.addingTimeInterval(60))

        clock.advance(by: .seconds(59))
        let error = await #expect(throws: StoreError.self) {
            _ = try await store.acquireLock(owner: "me@laptop pid 2", ttl: .seconds(60))
        }
        #expect(error?.heldLock == first)
        #expect(error?.description.contains("force-unlock \(first.id)") == true)

        clock.advance(by: .seconds(2))  // the killed job's lease lapsed
        let second = try await store.acquireLock(owner: "me@laptop pid 2", ttl: .seconds(60))
        #expect(second.id != first.id)
        #expect(try await store.currentLock() == second)
    }

    public static func renewExtendsOnlyALiveLeaseOfOurs(_ make: StoreFactory<any ReconcilerStore>) async throws {
        let clock = ManualClock()
        let store = try await make(clock)
        let lock = try await store.acquireLock(owner: "a", ttl: .seconds(60))
        clock.advance(by: .seconds(50))
        let renewed = try await store.renewLock(lock.id, ttl: .seconds(60))
        #expect(renewed.expiresAt == clock.now.date.addingTimeInterval(60))
        clock.advance(by: .seconds(61))
        await #expect(throws: StoreError.lockLost(lock.id)) {
            _ = try await store.renewLock(lock.id, ttl: .seconds(60))
        }
    }

    public static func releaseNeedsTheRightID(_ make: StoreFactory<any ReconcilerStore>) async throws {
        let store = try await make(ManualClock())
        let lock = try await store.acquireLock(owner: "a", ttl: .seconds(60))
        #expect(try await store.releaseLock("not-the-id") == false)
        #expect(try await store.currentLock() == lock)
        #expect(try await store.releaseLock(lock.id) == true)
        #expect(try await store.currentLock() == nil)
        _ = try await store.acquireLock(owner: "b", ttl: .seconds(60))
    }

    public static func commitUnderALostLockWritesNothing(_ make: StoreFactory<any ReconcilerStore>) async throws {
        let clock = ManualClock()
        let store = try await make(clock)
        let lock = try await store.acquireLock(owner: "a", ttl: .seconds(60))
        let snapshot = try await store.snapshot()
        clock.advance(by: .seconds(120))
        _ = try await store.acquireLock(owner: "b", ttl: .seconds(60))
        await #expect(throws: StoreError.lockLost(lock.id)) {
            try await store.commit(Fixtures.changes(against: snapshot, upserts: [Fixtures.state("a")], lockID: lock.id))
        }
        #expect(try await store.snapshot().serial == 0)
    }

    /// Every check, for a backend's test target to run: `@Test(arguments: LeaseLockContract.checks)`.
    public static let checks: [ContractCheck<any ReconcilerStore>] = [
        ContractCheck("heldLockBlocksAnotherOwnerUntilItExpires", heldLockBlocksAnotherOwnerUntilItExpires),
        ContractCheck("renewExtendsOnlyALiveLeaseOfOurs", renewExtendsOnlyALiveLeaseOfOurs),
        ContractCheck("releaseNeedsTheRightID", releaseNeedsTheRightID),
        ContractCheck("commitUnderALostLockWritesNothing", commitUnderALostLockWritesNothing),
    ]
}
