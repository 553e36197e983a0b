import Foundation
public import Store
import Testing
import WebhookModel

/// What counts toward a webhook's run of consecutive failures, what ends it, and what a hand-back keeps.
extension DeliveryQueueContract {
    /// Enqueues one event for `webhook` now and claims its delivery.
    static func claimOne(
        _ key: String, of store: any Store, clock: ManualClock
    ) async throws -> ClaimedDelivery {
        let now = clock.now.date
        _ = try await store.enqueue([event(key, at: now)], now: now)
        let claimed = try await store.claim(lane: .first, limit: 1, owner: "w", lease: lease, now: now)
        return try #require(claimed.first)
    }

    /// A delivery that ends unsent (its webhook deleted or disabled since, its version unreadable) is recorded, but
    /// it says nothing of the receiver: it neither extends the run nor disables the webhook.
    public static func anUnsentEndDoesNotExtendTheRunOfFailures(_ make: StoreFactory<any Store>) async throws {
        let (store, clock, _) = try await started(make, with: [webhook("a")])
        let limit = FailureRunLimit(failures: 1, span: .zero)
        for key in ["k1", "k2"] {
            let one = try await claimOne(key, of: store, clock: clock)
            let disabled = try await store.finish(
                [
                    AttemptResult(
                        deliveryID: one.delivery.id,
                        invocation: invocation(for: one, at: clock.now.date, status: .failure),
                        outcome: .failed(reason: "webhook disabled"), failureRunLimit: limit, wasSent: false)
                ], owner: "w", now: clock.now.date)
            #expect(disabled.isEmpty)
            #expect(try await store.delivery(id: one.delivery.id)?.state == .failed)
        }
        #expect(try await queueRow("a", of: store, now: clock.now.date).consecutiveFailures == 0)
        #expect(try await store.snapshot().webhooks["a"]?.state.webhook.active == true)
        #expect(try await store.invocations(InvocationQuery(webhook: "a", limit: 10)).count == 2, "both recorded")
    }

    /// Enabled again, or applied anew, a webhook starts a fresh run: the failures from before do not disable it.
    public static func anActiveVersionStartsAFreshRunOfFailures(_ make: StoreFactory<any Store>) async throws {
        let (store, clock, _) = try await started(make, with: [webhook("a")])
        func fail(_ key: String) async throws {
            let one = try await claimOne(key, of: store, clock: clock)
            try await store.finish(
                [
                    AttemptResult(
                        deliveryID: one.delivery.id,
                        invocation: invocation(for: one, at: clock.now.date, status: .failure),
                        outcome: .failed(reason: "HTTP 503 Service Unavailable"))
                ], owner: "w", now: clock.now.date)
        }
        try await fail("k1")
        try await fail("k2")
        #expect(try await queueRow("a", of: store, now: clock.now.date).consecutiveFailures == 2)
        try await store.setActive("a", false)
        #expect(
            try await queueRow("a", of: store, now: clock.now.date).consecutiveFailures == 2,
            "a disabled webhook keeps its run, as the reason it was disabled")
        try await store.setActive("a", true)
        #expect(try await queueRow("a", of: store, now: clock.now.date).consecutiveFailures == 0)

        try await fail("k3")
        #expect(try await queueRow("a", of: store, now: clock.now.date).consecutiveFailures == 1)
        var changed = webhook("a")
        changed.webhook.url = "https://example.com/fixed"
        try await apply([changed], to: store)
        #expect(try await queueRow("a", of: store, now: clock.now.date).consecutiveFailures == 0)

        try await fail("k4")
        try await apply([], deletes: ["a"], to: store)
        try await apply([webhook("a")], to: store)
        #expect(
            try await queueRow("a", of: store, now: clock.now.date).consecutiveFailures == 0,
            "a new webhook of a deleted one's name does not inherit its run")
    }

    /// A delivery handed back unsent (the runner stopping) is due again with its attempts as they were, and keeps
    /// the reason of its last failure for `queue` and the console.
    public static func aHandBackKeepsTheLastFailure(_ make: StoreFactory<any Store>) async throws {
        let (store, clock, _) = try await started(make, with: [webhook("a")])
        let first = try await claimOne("k1", of: store, clock: clock)
        try await store.finish(
            [
                AttemptResult(
                    deliveryID: first.delivery.id,
                    invocation: invocation(for: first, at: clock.now.date, status: .failure),
                    outcome: .retry(at: clock.now.date))
            ], owner: "w", now: clock.now.date)
        let retry = try #require(
            try await store.claim(lane: .retry, limit: 1, owner: "w", lease: lease, now: clock.now.date).first)
        try await store.finish(
            [.handBack(retry.delivery.id, at: clock.now.date)],
            owner: "w", now: clock.now.date)
        let handedBack = try #require(try await store.delivery(id: first.delivery.id))
        #expect(handedBack.state == .pending && handedBack.attemptsMade == 1)
        #expect(handedBack.lastFailure == "HTTP 503 Service Unavailable")
        #expect(try await queueRow("a", of: store, now: clock.now.date).consecutiveFailures == 1, "counted once")
    }
}
