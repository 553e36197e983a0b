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

        @discardableResult
        func finish(
            _ results: [AttemptResult], owner: String, now: Date
        ) async throws(StoreError) -> [String: String] {
            try? await Task.sleep(for: .milliseconds(5))
            return try await store.finish(results, owner: owner, now: now)
        }

        func nextDueAt() async throws(StoreError) -> Date? {
            asked.withLock { $0 += 1 }
            return try await store.nextDueAt()
        }
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
                try await service.postAndDrain(
                    events, inBatchesOf: 200, to: intake, store: store, receiver: receiver, deliveries: 2 * events)
            }
            #expect(receiver.log.all.count == 2 * events)
            // A tick after each claim that found nothing, and one per poll interval (50 ms) while idle: tens over
            // this run. Asking while claims keep finding work made it thousands.
            #expect(store.nextDueCalls < events / 4, "asked for the next due time \(store.nextDueCalls) times")
        }
    }
}
