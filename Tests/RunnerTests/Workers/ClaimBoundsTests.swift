import Foundation
import Store
import Testing

@testable import Runner

/// What the next claim may take: a host at its limit keeps a reserve waiting, and no more.
@Suite struct ClaimBoundsTests {
    let host = "a.example.com:443"
    let other = "b.example.com:443"

    /// `count` deliveries waiting for `host`.
    func waiting(_ count: Int) async throws -> WaitingDeliveries {
        var waiting = WaitingDeliveries()
        let claimed = try await WaitingDeliveriesTests().claimed(hosts: ["a.example.com"], events: count)
        for (delivery, host) in claimed { waiting.append(delivery, host: host) }
        #expect(waiting.count(host: host) == count)
        return waiting
    }

    @Test func aHostBelowItsLimitBoundsNothingButTheConcurrency() async throws {
        let bounds = WorkerLoop.claimBounds(
            room: 400, sending: [host: 31, other: 0], waiting: try await waiting(300), concurrency: 256,
            perHostLimit: 32)
        #expect(bounds.full.isEmpty)
        #expect(bounds.limit == 256)
        let small = WorkerLoop.claimBounds(
            room: 40, sending: [:], waiting: WaitingDeliveries(), concurrency: 256, perHostLimit: 32)
        #expect(small.limit == 40)
    }

    @Test func aHostAtItsLimitIsToppedUpToItsReserveOnly() async throws {
        // The reserve is the concurrency (at least two per-host limits): 256 here, 64 with a concurrency of 16.
        #expect(WorkerLoop.reserve(concurrency: 256, perHostLimit: 32) == 256)
        #expect(WorkerLoop.reserve(concurrency: 16, perHostLimit: 32) == 64)
        let bounds = WorkerLoop.claimBounds(
            room: 400, sending: [host: 32], waiting: try await waiting(200), concurrency: 256, perHostLimit: 32)
        #expect(bounds.full.isEmpty)
        #expect(bounds.limit == 56)
    }

    @Test func aHostAtItsLimitWithItsReserveWaitingIsLeftOut() async throws {
        let bounds = WorkerLoop.claimBounds(
            room: 200, sending: [host: 32, other: 3], waiting: try await waiting(256), concurrency: 256,
            perHostLimit: 32)
        #expect(bounds.full == [host])
        #expect(bounds.limit == 200)
    }
}
