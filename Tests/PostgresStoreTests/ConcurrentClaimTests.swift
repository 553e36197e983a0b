import Foundation
import PostgresStore
import Store
import StoreContracts
import Synchronization
import TestSupport
import Testing
import WebhookModel

/// Runners on many machines claim from one PostgreSQL queue at once. Whatever path a claim takes — the plain one, or
/// the one that leaves a saturated host's webhooks out and picks the others' deliveries by webhook before locking
/// them — no delivery is ever held by two runners, and none is left behind.
@Suite("PostgreSQL concurrent claims", .enabled(if: PostgresServer.enabled, PostgresServer.skipped))
struct ConcurrentClaimTests {
    /// The delivery ids each runner claimed.
    final class Claims: Sendable {
        private let ids = Mutex<[String: [String]]>([:])
        var byRunner: [String: [String]] { ids.withLock { $0 } }
        func add(_ claimed: [String], by owner: String) { ids.withLock { $0[owner, default: []] += claimed } }
    }

    @Test func runnersClaimingAtOnceNeverTakeTheSameDelivery() async throws {
        let location = try await PostgresServer.freshDatabase()
        let clock = ManualClock(WallInstant(Date()))
        let setup = try PostgresStore(location: location, clock: clock)
        let names = ["a", "b", "c", "d"]
        try await setup.commit(
            Fixtures.changes(against: try await setup.snapshot(), upserts: names.map { Fixtures.state($0) }))
        let now = clock.now.date
        // 300 events, each to the four webhooks: 1,200 deliveries.
        for start in stride(from: 0, to: 300, by: 100) {
            let events = (start..<start + 100).map { DeliveryQueueContract.event("k\($0)", at: now) }
            _ = try await setup.enqueue(events, now: now)
        }
        // Four runners, each with a store of its own (its own connections), claiming 16 at a time until the queue
        // is empty; two of them leave "a" out, as runners whose host for it is at its limit would.
        var stores: [PostgresStore] = []
        for _ in 0..<4 {
            let store = try PostgresStore(location: location, clock: clock)
            _ = try await store.snapshot()  // its schema check done, so all four start claiming together
            stores.append(store)
        }
        let claims = Claims()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (runner, store) in stores.enumerated() {
                group.addTask {
                    let owner = "runner-\(runner)"
                    let excluding: Set<String> = runner % 2 == 0 ? ["a"] : []
                    var emptyInARow = 0
                    for _ in 0..<500 where emptyInARow < 3 {
                        let claimed = try await store.claim(
                            lane: .first, limit: 16, owner: owner, lease: .seconds(300), now: now,
                            excluding: excluding)
                        emptyInARow = claimed.isEmpty ? emptyInARow + 1 : 0
                        claims.add(claimed.map(\.delivery.id), by: owner)
                    }
                }
            }
            try await group.waitForAll()
        }
        let byRunner = claims.byRunner
        let all = byRunner.values.flatMap { $0 }
        #expect(all.count == 1_200, "every delivery claimed once: \(all.count) claims")
        #expect(Set(all).count == all.count, "a delivery claimed by two runners")
        let held = byRunner.mapValues(\.count)
        #expect(held.values.filter { $0 > 0 }.count >= 2, "the claims overlapped in time: \(held)")
        #expect(
            held["runner-0", default: 0] + held["runner-2", default: 0] > 0,
            "the claims that leave a webhook out took their share too: \(held)")
        let pending = try await setup.queueSummary(now: now).rows.map(\.due).reduce(0, +)
        #expect(pending == 0, "nothing due is left unclaimed")
    }
}
