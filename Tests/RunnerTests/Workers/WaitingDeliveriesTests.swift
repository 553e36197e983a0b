import Foundation
import Store
import Testing

@testable import Runner

/// Claimed deliveries waiting for room, kept by host.
@Suite struct WaitingDeliveriesTests {
    /// `count` deliveries claimed from a store with one webhook per host in `hosts`, as (delivery, host).
    func claimed(hosts: [String], events: Int) async throws -> [(ReadyDelivery, String)] {
        let store = try await RunnerFixtures.store(
            hosts.map { RunnerFixtures.webhook($0, url: "https://\($0)/in") })
        let intake = EventIntake(queue: store)
        for index in 0..<events {
            #expect(await intake.acceptOne(RunnerFixtures.event(id: "AR-\(index)"), idempotencyKey: nil).status == 202)
        }
        let claimed = try await store.claim(
            lane: .first, limit: 1_000, owner: "test", lease: .seconds(60), now: Date(), excluding: [])
        return PreparedDeliveries(key: try StoreKey(base64: StoreKey.generateBase64())).prepare(claimed).map {
            ($0, WorkerLoop.hostKey($0.claimed.webhook.webhook.url))
        }
    }

    /// Retries waiting are counted, so the retry lane's share of the concurrency counts them with its sends.
    @Test func retriesWaitingAreCounted() async throws {
        let all = try await claimed(hosts: ["a.example.com"], events: 6)
        var waiting = WaitingDeliveries()
        for (index, (delivery, host)) in all.enumerated() {
            var claimed = delivery.claimed
            if index % 2 == 1 { claimed.delivery.attemptsMade = 1 }
            waiting.append(ReadyDelivery(claimed: claimed, preparation: delivery.preparation), host: host)
        }
        #expect(waiting.count == 6 && waiting.retries == 3)
        let popped = [waiting.popFirst(host: "a.example.com:443"), waiting.popFirst(host: "a.example.com:443")]
        let first = try #require(popped[0]), second = try #require(popped[1])
        #expect(first.claimed.delivery.lane == .first && second.claimed.delivery.lane == .retry)
        #expect(waiting.count == 4 && waiting.retries == 2)
        _ = waiting.removeAll()
        #expect(waiting.retries == 0)
    }

    @Test func eachHostGivesItsDeliveriesInClaimOrder() async throws {
        let all = try await claimed(hosts: ["a.example.com", "b.example.com"], events: 150)
        var waiting = WaitingDeliveries()
        for (delivery, host) in all { waiting.append(delivery, host: host) }
        #expect(waiting.count == 300)
        #expect(Set(waiting.hosts) == ["a.example.com:443", "b.example.com:443"])

        // Taking from one host leaves the other's alone, in order, across the array's compaction.
        var taken: [String] = []
        while let next = waiting.popFirst(host: "a.example.com:443") { taken.append(next.id) }
        #expect(taken == all.filter { $0.1 == "a.example.com:443" }.map(\.0.id))
        #expect(waiting.count == 150)
        #expect(waiting.hosts == ["b.example.com:443"])
        #expect(waiting.popFirst(host: "a.example.com:443") == nil)

        for _ in 0..<100 { _ = waiting.popFirst(host: "b.example.com:443") }
        let rest = waiting.removeAll().map(\.id)
        #expect(rest == all.filter { $0.1 == "b.example.com:443" }.dropFirst(100).map(\.0.id))
        #expect(waiting.isEmpty && waiting.hosts.isEmpty)
    }
}
