import Foundation
import Store
import Testing

/// The lease-lock contract every store implementation meets; time moves only by the manual clock.
@Suite("Lease lock contract")
struct LeaseLockContractTests {
    @Test(arguments: StoreKind.allCases)
    func heldLockBlocksAnotherOwnerUntilItExpires(kind: StoreKind) async throws {
        let clock = ManualClock()
        let store = try kind.make(clock: clock)
        let first = try await store.acquireLock(owner: "ci@runner pid 1", ttl: .seconds(60))
        #expect(first.expiresAt == clock.now().addingTimeInterval(60))

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

    @Test(arguments: StoreKind.allCases)
    func renewExtendsOnlyALiveLeaseOfOurs(kind: StoreKind) async throws {
        let clock = ManualClock()
        let store = try kind.make(clock: clock)
        let lock = try await store.acquireLock(owner: "a", ttl: .seconds(60))
        clock.advance(by: .seconds(50))
        let renewed = try await store.renewLock(lock.id, ttl: .seconds(60))
        #expect(renewed.expiresAt == clock.now().addingTimeInterval(60))
        clock.advance(by: .seconds(61))
        await #expect(throws: StoreError.lockLost(lock.id)) {
            _ = try await store.renewLock(lock.id, ttl: .seconds(60))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func releaseNeedsTheRightID(kind: StoreKind) async throws {
        let store = try kind.make(clock: ManualClock())
        let lock = try await store.acquireLock(owner: "a", ttl: .seconds(60))
        #expect(try await store.releaseLock("not-the-id") == false)
        #expect(try await store.currentLock() == lock)
        #expect(try await store.releaseLock(lock.id) == true)
        #expect(try await store.currentLock() == nil)
        _ = try await store.acquireLock(owner: "b", ttl: .seconds(60))
    }

    @Test(arguments: StoreKind.allCases)
    func commitUnderALostLockWritesNothing(kind: StoreKind) async throws {
        let clock = ManualClock()
        let store = try kind.make(clock: clock)
        let lock = try await store.acquireLock(owner: "a", ttl: .seconds(60))
        let snapshot = try await store.snapshot()
        clock.advance(by: .seconds(120))
        _ = try await store.acquireLock(owner: "b", ttl: .seconds(60))
        await #expect(throws: StoreError.lockLost(lock.id)) {
            try await store.commit(Fixtures.changes(against: snapshot, upserts: [Fixtures.state("a")], lockID: lock.id))
        }
        #expect(try await store.snapshot().serial == 0)
    }
}
