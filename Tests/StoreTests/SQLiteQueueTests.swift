import Foundation
import SQLiteStore
import Store
import StoreContracts
import TestSupport
import Testing
import WebhookModel

/// What only the SQLite delivery queue needs checked: volume through real batches, the migration of existing
/// webhooks, and durable commits.
@Suite("SQLite delivery queue")
struct SQLiteQueueTests {
    static func event(_ key: String, at date: Date) -> AcceptedEvent {
        AcceptedEvent(
            idempotencyKey: key, trigger: .created, accessRequestID: key, eventTime: date,
            payload: Array(#"{"data":{"id":"\#(key)"}}"#.utf8), receivedAt: date)
    }

    static func success(_ claimed: ClaimedDelivery, at date: Date) -> Invocation {
        Invocation(
            id: Invocation.newID(), webhook: claimed.delivery.webhook, eventID: claimed.event.id,
            trigger: claimed.delivery.trigger, attempt: 1, startedAt: date, durationMilliseconds: 1, address: nil,
            status: .success, failureReason: nil,
            request: InvocationRequest(method: "POST", url: claimed.webhook.webhook.url, headers: [], body: []),
            response: InvocationResponse(status: 200, headers: [], body: [], truncated: false))
    }

    @Test func twoThousandEventsToFourWebhooksAllClaimAndFinishOnce() async throws {
        let workspace = try Workspace(webhooksDirectory: false)
        let clock = ManualClock()
        let store = try SQLiteStore(path: workspace.path("queue.db"), clock: clock)
        let names = ["w1", "w2", "w3", "w4"]
        try await store.commit(
            Fixtures.changes(against: try await store.snapshot(), upserts: names.map { Fixtures.state($0) }))
        let now = clock.now.date
        let events = (0..<2_000).map { Self.event("k\($0)", at: now) }
        var expected: Set<String> = []
        for start in stride(from: 0, to: events.count, by: 100) {
            let answers = try await store.enqueue(Array(events[start..<start + 100]), now: now)
            #expect(answers.allSatisfy { !$0.duplicate && $0.deliveryIDs.count == 4 })
            expected.formUnion(answers.flatMap(\.deliveryIDs))
        }
        #expect(expected.count == 8_000)
        #expect(try await store.queueSummary(now: now).rows.map(\.due) == [2_000, 2_000, 2_000, 2_000])

        var pairs: Set<String> = []
        var finished: Set<String> = []
        for _ in 0..<100 {
            let claimed = try await store.claim(lane: .first, limit: 250, owner: "w", lease: .seconds(60), now: now)
            if claimed.isEmpty { break }
            for delivery in claimed {
                #expect(finished.insert(delivery.delivery.id).inserted)
                #expect(pairs.insert(delivery.event.id + "→" + delivery.delivery.webhook).inserted)
            }
            try await store.finish(
                claimed.map {
                    AttemptResult(
                        deliveryID: $0.delivery.id, invocation: Self.success($0, at: now), outcome: .delivered)
                },
                owner: "w", now: now)
        }
        #expect(finished == expected)
        #expect(try await store.queueSummary(now: now).rows.isEmpty)
        #expect(try await store.nextDueAt() == nil)
        #expect(try await store.invocations(InvocationQuery(limit: 10_000)).count == 8_000)
        let sample = try #require(expected.first)
        #expect(try await store.delivery(id: sample)?.state == .delivered)

        let again = try await store.enqueue(Array(events[0..<100]), now: now)
        #expect(again.allSatisfy { $0.duplicate })
        #expect(try await store.claim(lane: .first, limit: 10, owner: "w", lease: .seconds(60), now: now).isEmpty)
    }

    @Test func theMigrationFillsTheQueueColumnsOfExistingWebhooks() async throws {
        let workspace = try Workspace(webhooksDirectory: false)
        let path = workspace.path("old.db")
        var approved = Fixtures.webhook("approvals")
        approved.triggers = [.approved]
        let old = try SQLiteStore(path: path, clock: ManualClock())
        try await old.commit(
            Fixtures.changes(
                against: try await old.snapshot(),
                upserts: [Fixtures.state("a"), StoredWebhook(webhook: approved, secrets: [:])]))
        // Back to the schema before v3-delivery-queue (and v4-ordered-delivery), as an older hookctl left it.
        try old.executeRaw(
            """
            DROP TABLE delivery; DROP TABLE event; DROP TABLE webhook_version; DROP TABLE failure_run;
            ALTER TABLE webhook DROP COLUMN active; ALTER TABLE webhook DROP COLUMN triggers;
            ALTER TABLE webhook DROP COLUMN version_id; ALTER TABLE webhook DROP COLUMN ordered;
            DELETE FROM grdb_migrations WHERE identifier IN ('v3-delivery-queue', 'v4-ordered-delivery');
            """)

        let clock = ManualClock()
        let store = try SQLiteStore(path: path, clock: clock)
        let now = clock.now.date
        var event = Self.event("k1", at: now)
        event.trigger = .approved
        let answer = try await store.enqueue([event], now: now)
        #expect(answer.first?.deliveryIDs.count == 1)
        let claimed = try await store.claim(lane: .first, limit: 10, owner: "w", lease: .seconds(60), now: now)
        #expect(claimed.map(\.webhook) == [StoredWebhook(webhook: approved, secrets: [:])])
        #expect(claimed.first?.delivery.webhookVersion == 1)
    }

    /// An SQLite store holding webhook `a`, taken back to the schema before `migration` (its `column` of the
    /// webhook table dropped), as an older hookctl left it; returns its path.
    static func storeFromBefore(
        _ migration: String, dropping column: String, in workspace: Workspace
    ) async throws -> String {
        let path = workspace.path("old.db")
        let old = try SQLiteStore(path: path, clock: ManualClock())
        try await old.commit(Fixtures.changes(against: try await old.snapshot(), upserts: [Fixtures.state("a")]))
        try old.executeRaw(
            """
            ALTER TABLE webhook DROP COLUMN \(column);
            DELETE FROM grdb_migrations WHERE identifier = '\(migration)';
            """)
        return path
    }

    @Test func aStoreFromBeforeFiltersGainsTheFilterColumnAndItsWebhooksStayUnfiltered() async throws {
        let workspace = try Workspace(webhooksDirectory: false)
        let path = try await Self.storeFromBefore("v5-webhook-filter", dropping: "filter", in: workspace)

        let clock = ManualClock()
        let store = try SQLiteStore(path: path, clock: clock)
        let now = clock.now.date
        let refuseAll = FanOutFilter { _, _ in false }
        #expect(
            try await store.enqueue([Self.event("k1", at: now)], now: now, filter: refuseAll)[0].deliveryIDs.count == 1)
        var filtered = Fixtures.webhook("a")
        filtered.filter = Filter(all: [.init(.named(.integration), ["prod db"])])
        try await store.commit(
            Fixtures.changes(
                against: try await store.snapshot(), upserts: [StoredWebhook(webhook: filtered, secrets: [:])]))
        let answer = try await store.enqueue([Self.event("k2", at: now)], now: now, filter: refuseAll)
        #expect(answer[0].deliveryIDs.isEmpty && answer[0].filteredOut == ["a"])
    }

    @Test func aStoreFromBeforeDisableReasonsGainsTheColumnAndKeepsItsWebhooks() async throws {
        let workspace = try Workspace(webhooksDirectory: false)
        let path = try await Self.storeFromBefore("v9-disabled-reason", dropping: "disabled_reason", in: workspace)

        let clock = ManualClock()
        let store = try SQLiteStore(path: path, clock: clock)
        let live = try #require(try await store.snapshot().webhooks["a"])
        #expect(live.state.webhook.active && live.disabledReason == nil)
        let now = clock.now.date
        _ = try await store.enqueue([Self.event("k1", at: now)], now: now)
        let claimed = try #require(
            try await store.claim(lane: .first, limit: 1, owner: "w", lease: .seconds(60), now: now).first)
        try await store.finish(
            [
                AttemptResult(
                    deliveryID: claimed.delivery.id, invocation: nil, outcome: .failed(reason: "HTTP 410 Gone"),
                    disableWebhook: "the receiver answered 410 Gone")
            ], owner: "w", now: now)
        #expect(try await store.snapshot().webhooks["a"]?.disabledReason == "the receiver answered 410 Gone")
    }

    @Test func commitsAreDurableAcrossPowerLoss() throws {
        let workspace = try Workspace(webhooksDirectory: false)
        let store = try SQLiteStore(path: workspace.path("state.db"))
        #expect(try store.synchronousLevel() == 2)  // FULL
    }

    /// A claim commits its leases without an fsync, and leaves the writer at FULL for the commits that must be
    /// durable (intake, attempts), also after a claim that failed. The queue's writes zero nothing they overwrite
    /// (they hold no secret), and leave `secure_delete` on for every other write.
    @Test func aClaimLeavesTheWriterSynchronous() async throws {
        let workspace = try Workspace(webhooksDirectory: false)
        let clock = ManualClock()
        let store = try SQLiteStore(path: workspace.path("state.db"), clock: clock)
        try await store.commit(Fixtures.changes(against: try await store.snapshot(), upserts: [Fixtures.state("a")]))
        let now = clock.now.date
        _ = try await store.enqueue([Self.event("k1", at: now)], now: now)
        let claimed = try await store.claim(lane: .first, limit: 10, owner: "w", lease: .seconds(60), now: now)
        #expect(claimed.count == 1)
        #expect(try store.writerSynchronousLevel() == 2)
        #expect(try store.writerSecureDelete() == 1)
        try await store.finish(
            [AttemptResult(deliveryID: claimed[0].delivery.id, invocation: nil, outcome: .retry(at: now))], owner: "w",
            now: now)
        #expect(try store.writerSecureDelete() == 1)
        try store.executeRaw("DROP TABLE webhook_version")
        _ = try await store.enqueue([Self.event("k2", at: now)], now: now)
        await #expect(throws: StoreError.self) {
            try await store.claim(lane: .first, limit: 10, owner: "w", lease: .seconds(60), now: now)
        }
        #expect(try store.writerSynchronousLevel() == 2)
        #expect(try store.writerSecureDelete() == 1)
    }

    /// A worker cancelled with attempts in hand (its service group gave up waiting, or another service failed)
    /// still records them: a cancelled task's `finish` runs to its end, rather than leaving what a receiver
    /// answered to be sent again once its lease ends.
    @Test func finishInACancelledTaskStillRecordsTheAttempt() async throws {
        let workspace = try Workspace(webhooksDirectory: false)
        let clock = ManualClock()
        let store = try SQLiteStore(path: workspace.path("queue.db"), clock: clock)
        try await store.commit(Fixtures.changes(against: try await store.snapshot(), upserts: [Fixtures.state("w1")]))
        let now = clock.now.date
        _ = try await store.enqueue([Self.event("k", at: now)], now: now)
        let claimed = try await store.claim(lane: .first, limit: 10, owner: "w", lease: .seconds(60), now: now)
        let delivery = try #require(claimed.first)
        let invocation = Self.success(delivery, at: now)

        let outcome = await withTaskGroup(of: (cancelled: Bool, error: String?).self) { group in
            group.addTask {
                withUnsafeCurrentTask { $0?.cancel() }
                do {
                    try await store.finish(
                        [AttemptResult(deliveryID: delivery.delivery.id, invocation: invocation, outcome: .delivered)],
                        owner: "w", now: now)
                    return (Task.isCancelled, nil)
                } catch {
                    return (Task.isCancelled, "\(error)")
                }
            }
            return await group.next()!
        }
        #expect(outcome.cancelled, "the task that called finish was not cancelled: this test checks nothing")
        #expect(outcome.error == nil)
        #expect(try await store.delivery(id: delivery.delivery.id)?.state == .delivered)
        #expect(try await store.invocation(id: invocation.id)?.status == .success)
    }
}
