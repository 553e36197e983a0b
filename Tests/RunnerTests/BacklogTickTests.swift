import Foundation
import Store
import StoreContracts
import Synchronization
import TestSupport
import Testing
import WebhookModel

@testable import Runner

/// While the workers have deliveries to claim they do not ask the store when the next one is due: they used to,
/// in a loop with no pause (a backlog is due now, so every answer sent them straight back), and that read cost
/// more than a tenth of the runner's time and held up the commits behind it.
@Suite struct BacklogTickTests {
    /// An in-memory store that counts `nextDueAt` calls and takes 5 ms for every commit, so a backlog lasts.
    final class CountingTicks: RunnerStore, InMemoryWrapper {
        let store: InMemoryStore
        private let asked = Mutex(0)

        init(_ store: InMemoryStore) { self.store = store }

        var nextDueCalls: Int { asked.withLock { $0 } }

        func enqueue(
            _ events: [AcceptedEvent], now: Date, filter: FanOutFilter
        ) async throws(StoreError) -> [Enqueued] {
            try await store.enqueue(events, now: now, filter: filter)
        }

        func claim(
            lane: DeliveryLane, limit: Int, owner: String, lease: Duration, now: Date, excluding: Set<String>
        ) async throws(StoreError) -> [ClaimedDelivery] {
            try await store.claim(lane: lane, limit: limit, owner: owner, lease: lease, now: now, excluding: excluding)
        }

        func extendLeases(
            _ deliveryIDs: [String], owner: String, lease: Duration, now: Date
        ) async throws(StoreError) -> Set<String> {
            try await store.extendLeases(deliveryIDs, owner: owner, lease: lease, now: now)
        }

        @discardableResult
        func finish(
            _ results: [AttemptResult], owner: String, now: Date
        ) async throws(StoreError) -> [String: String] {
            try? await Task.sleep(for: .milliseconds(5))
            return try await store.finish(results, owner: owner, now: now)
        }

        func redeliver(eventID: String, webhook: String, now: Date) async throws(StoreError) -> String {
            try await store.redeliver(eventID: eventID, webhook: webhook, now: now)
        }

        func nextDueAt() async throws(StoreError) -> Date? {
            asked.withLock { $0 += 1 }
            return try await store.nextDueAt()
        }

        func queueSummary(now: Date) async throws(StoreError) -> QueueSummary { try await store.queueSummary(now: now) }

        func delivery(id: String) async throws(StoreError) -> QueuedDelivery? { try await store.delivery(id: id) }
    }

    @Test func aBacklogIsClaimedWithoutAskingForTheNextDueTimeOverAndOver() async throws {
        try await withReceiver(answering: CannedResponse()) { receiver in
            let store = CountingTicks(
                try await RunnerFixtures.store([
                    RunnerFixtures.webhook("a", url: receiver.url("/a")),
                    RunnerFixtures.webhook("b", url: receiver.url("/b")),
                ]))
            let service = RunnerServiceTests()
            let events = 400
            try await service.withRunner(
                store: store, clock: SystemClock(), allow: [receiver.allowTarget], concurrency: 8
            ) { intake in
                for batch in 0..<(events / 200) {
                    let body = (0..<200).map {
                        String(decoding: RunnerFixtures.event(id: "AR-\(batch)-\($0)"), as: UTF8.self)
                    }
                    let answer = try await service.post(
                        intake + "/v1/events/batch", Array(("[" + body.joined(separator: ",") + "]").utf8))
                    #expect(answer.status == 202 || answer.status == 207, "\(answer)")
                }
                try await eventually("every delivery was recorded", attempts: 3_000) {
                    try await store.queueSummary(now: Date()).rows.allSatisfy { $0.pending == 0 }
                        && receiver.log.all.count >= 2 * events
                }
            }
            #expect(receiver.log.all.count == 2 * events)
            // A tick after each claim that found nothing, and one per poll interval (50 ms) while idle: tens over
            // this run. Asking while claims keep finding work made it thousands.
            #expect(store.nextDueCalls < events / 4, "asked for the next due time \(store.nextDueCalls) times")
        }
    }
}
