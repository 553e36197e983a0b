import Foundation
import Store
import StoreContracts
import Synchronization
import TestSupport
import Testing
import WebhookModel

@testable import Runner

/// A store slower to record attempts than the receiver is to take them: the runner sends no faster than it can
/// record, so what it holds sent-but-unrecorded stays bounded (memory, and what a crash would send again) instead
/// of piling up for as long as the load lasts. Seen on PostgreSQL, whose commits are slower than SQLite's: a runner
/// grew by about 5 KB for every delivery of a 40,000-delivery run.
@Suite struct SlowStoreTests {
    /// An in-memory store whose commits take 10 ms per attempt (a slow database; PostgreSQL's run one statement per
    /// attempt),
    /// and which counts the deliveries claimed and not yet finished.
    final class SlowCommits: RunnerStore, InMemoryWrapper {
        let store: InMemoryStore
        private let held = Mutex((now: 0, most: 0))

        init(_ store: InMemoryStore) { self.store = store }

        var mostHeld: Int { held.withLock { $0.most } }

        func claim(
            lane: DeliveryLane, limit: Int, owner: String, lease: Duration, now: Date, excluding: Set<String>
        ) async throws(StoreError) -> [ClaimedDelivery] {
            let claimed = try await store.claim(
                lane: lane, limit: limit, owner: owner, lease: lease, now: now, excluding: excluding)
            held.withLock {
                $0.now += claimed.count
                $0.most = max($0.most, $0.now)
            }
            return claimed
        }

        @discardableResult
        func finish(
            _ results: [AttemptResult], owner: String, now: Date
        ) async throws(StoreError) -> [String: String] {
            try? await Task.sleep(for: .milliseconds(10 * results.count))
            let disabled = try await store.finish(results, owner: owner, now: now)
            held.withLock { $0.now -= results.count }
            return disabled
        }
    }

    @Test func aStoreSlowerThanTheReceiverSlowsTheSendingDown() async throws {
        try await withReceiver(answering: CannedResponse()) { receiver in
            let store = SlowCommits(
                try await RunnerFixtures.store([
                    RunnerFixtures.webhook("a", url: receiver.url("/a")),
                    RunnerFixtures.webhook("b", url: receiver.url("/b")),
                ]))
            let concurrency = 16
            let service = RunnerServiceTests()
            try await service.withRunner(
                store: store, clock: SystemClock(), allow: [receiver.allowTarget], concurrency: concurrency
            ) { intake in
                let events = 300
                // Posted at once: far faster than 100 commits/s.
                try await service.postAndDrain(
                    events, inBatchesOf: 100, to: intake, store: store, receiver: receiver, deliveries: 2 * events)
                #expect(receiver.log.all.count == 2 * events)
            }
            // Held at most: a batch of attempts awaiting their commit, what is being sent and waiting to be sent
            // (the concurrency each), and one claim's worth.
            let bound = WorkerLoop.flushBatch + 3 * concurrency
            #expect(store.mostHeld <= bound, "held \(store.mostHeld) sent or claimed and not yet recorded")
        }
    }
}
