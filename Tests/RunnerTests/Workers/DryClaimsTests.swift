import Foundation
import Hummingbird
import JSON
import Store
import StoreContracts
import Synchronization
import TestSupport
import Testing
import WebhookModel

@testable import Runner

/// A delivery due but not claimable — the later event of an ordered line whose earlier event waits for its retry —
/// keeps the store's next due time in the past. The workers back off from claims that find nothing (the pause
/// doubles, up to the poll interval) instead of asking the store twenty times a second for as long as it waits.
@Suite struct DryClaimsTests {
    /// An in-memory queue that counts its claims.
    final class CountingClaims: RunnerStore, InMemoryWrapper {
        let store: InMemoryStore
        private let count = Mutex(0)
        init(_ store: InMemoryStore) { self.store = store }

        var claims: Int { count.withLock { $0 } }

        func claim(
            lane: DeliveryLane, limit: Int, owner: String, lease: Duration, now: Date, excluding: Set<String>
        ) async throws(StoreError) -> [ClaimedDelivery] {
            count.withLock { $0 += 1 }
            return try await store.claim(
                lane: lane, limit: limit, owner: owner, lease: lease, now: now, excluding: excluding)
        }
    }

    @Test func aHeldBackLineCostsAClaimNowAndThenNotTwentyASecond() async throws {
        try await withReceiver(routes: { router, _ in
            router.post("/down") { _, _ in Response(status: .serviceUnavailable) }
        }) { receiver in
            var ordered = RunnerFixtures.webhook("o", url: receiver.url("/down"), triggers: [.created, .approved])
            ordered.webhook.ordered = true
            let store = CountingClaims(try await RunnerFixtures.store([ordered]))
            try await withRunner(
                store: store, clock: SystemClock(), allow: [receiver.allowTarget], pollInterval: .seconds(1)
            ) { intake in
                #expect(try await post(intake + "/v1/events", RunnerFixtures.event(.created, time: 100)).status == 202)
                try await eventually("the Created event failed once") { receiver.log.count(path: "/down") == 1 }
                // The Approved event of the same request is due now, held back until Created succeeds (in 30 s).
                #expect(try await post(intake + "/v1/events", RunnerFixtures.event(.approved, time: 200)).status == 202)
                let before = store.claims
                try await Task.sleep(for: .milliseconds(1_600))
                let claims = store.claims - before
                // Backing off: pauses of 50, 100, 200, 400 and 800 ms, two lanes a claim — about 12 calls. Without
                // it, one pause of 50 ms after each: about 64.
                #expect(claims <= 24, "\(claims) claims of the store in 1.6 s")
                #expect(receiver.log.count(path: "/down") == 1, "the held-back event was not sent")
            }
        }
    }

    func withRunner<T: Sendable>(
        store: any RunnerStore, clock: any WallClock, allow: [String], pollInterval: Duration,
        _ body: @Sendable (_ intake: String) async throws -> T
    ) async throws -> T {
        try await RunnerServiceTests().withRunner(
            store: store, clock: clock, allow: allow, pollInterval: pollInterval, body)
    }

    func post(_ url: String, _ body: [UInt8]) async throws -> (status: Int, headers: [String: String], body: JSONValue?)
    {
        try await RunnerServiceTests().post(url, body)
    }
}
