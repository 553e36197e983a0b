import Foundation
public import Store
import Testing

extension DeliveryQueueContract {
    /// A live runner extends what it holds: the lease moves to `now + lease`, so no other runner claims the delivery
    /// meanwhile; a delivery it lost (claimed by another after its lease lapsed) or that was finished is named as
    /// lost, and extending it changes nothing.
    public static func aRunnerExtendsTheLeasesItHoldsAndLearnsWhichItLost(
        _ make: StoreFactory<any Store>
    ) async throws {
        let clock = ManualClock()
        let store = try await make(clock)
        try await apply([webhook("a")], to: store)
        let ids = try await store.enqueue(
            [event("k1", at: clock.now.date), event("k2", at: clock.now.date)], now: clock.now.date
        ).flatMap(\.deliveryIDs)
        let held = try await store.claim(lane: .first, limit: 10, owner: "w1", lease: .seconds(30), now: clock.now.date)
        #expect(Set(held.map(\.delivery.id)) == Set(ids))

        clock.advance(by: .seconds(20))
        let none = try await store.extendLeases(ids, owner: "w1", lease: .seconds(30), now: clock.now.date)
        #expect(none.isEmpty, "w1 holds both")
        clock.advance(by: .seconds(20))
        #expect(
            try await store.claim(lane: .first, limit: 10, owner: "w2", lease: .seconds(30), now: clock.now.date)
                .isEmpty, "40 s after the claim, the extended leases still hold")
        #expect(try await store.nextDueAt() == clock.now.date.addingTimeInterval(10), "the lease ends 50 s in")

        // w1 finishes one and lets the other lapse; w2 claims that one.
        let first = try #require(held.first { $0.delivery.id == ids[0] })
        try await store.finish(
            [
                AttemptResult(
                    deliveryID: ids[0], invocation: invocation(for: first, at: clock.now.date), outcome: .delivered)
            ],
            owner: "w1", now: clock.now.date)
        clock.advance(by: .seconds(11))
        let taken = try await store.claim(
            lane: .first, limit: 10, owner: "w2", lease: .seconds(30), now: clock.now.date)
        #expect(taken.map(\.delivery.id) == [ids[1]])

        let lost = try await store.extendLeases(
            ids + ["dl_unknown"], owner: "w1", lease: .seconds(30), now: clock.now.date)
        #expect(lost == Set(ids + ["dl_unknown"]), "finished, taken by w2, and unknown are all lost to w1")
        clock.advance(by: .seconds(29))
        #expect(
            try await store.claim(lane: .first, limit: 10, owner: "w3", lease: .seconds(30), now: clock.now.date)
                .isEmpty, "w1's extension did not touch w2's lease")
        #expect(try await store.extendLeases([], owner: "w2", lease: .seconds(30), now: clock.now.date).isEmpty)
    }
}
