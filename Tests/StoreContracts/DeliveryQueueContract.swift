public import Foundation
public import Store
import Testing
public import WebhookModel

/// The delivery-queue contract every store implementation meets; time moves only by the manual clock.
public enum DeliveryQueueContract {
    /// What the checks use: the queue, plus live state to set webhooks up and history to see the attempts.
    public typealias Store = LiveStateStore & InvocationHistoryStore & DeliveryQueueStore

    static let lease: Duration = .seconds(300)

    static func webhook(
        _ name: String, triggers: [Trigger] = [.created], url: String = "https://example.com/hook",
        active: Bool = true
    ) -> StoredWebhook {
        var webhook = Fixtures.webhook(name, url: url, active: active)
        webhook.triggers = triggers
        return StoredWebhook(webhook: webhook, secrets: [:])
    }

    /// An accepted event of `trigger` whose idempotency key and `data.id` are `key`.
    public static func event(
        _ key: String, trigger: Trigger = .created, at date: Date, id: String = AcceptedEvent.newID()
    ) -> AcceptedEvent {
        AcceptedEvent(
            id: id, idempotencyKey: key, trigger: trigger, accessRequestID: "ar-\(key)", eventTime: date,
            payload: Array(#"{"event_type":"AccessRequest\#(trigger.rawValue)","data":{"id":"\#(key)"}}"#.utf8),
            receivedAt: date)
    }

    static func invocation(
        for claimed: ClaimedDelivery, at date: Date, status: Invocation.Status = .success
    ) -> Invocation {
        Invocation(
            id: Invocation.newID(), webhook: claimed.delivery.webhook, eventID: claimed.event.id,
            trigger: claimed.delivery.trigger, attempt: claimed.delivery.attemptsMade + 1, startedAt: date,
            durationMilliseconds: 5, address: "203.0.113.7", status: status,
            failureReason: status == .failure ? "HTTP 503 Service Unavailable" : nil,
            request: InvocationRequest(method: "POST", url: claimed.webhook.webhook.url, headers: [], body: []),
            response: InvocationResponse(
                status: status == .success ? 200 : 503, headers: [], body: [], truncated: false))
    }

    /// Writes `webhooks` (creating or replacing them) and deletes `deletes`, as an apply would.
    static func apply(_ webhooks: [StoredWebhook], deletes: [String] = [], to store: any Store) async throws {
        try await store.commit(
            Fixtures.changes(against: try await store.snapshot(), upserts: webhooks, deletes: deletes))
    }

    /// A new store on a manual clock holding `webhooks`, and the clock's time.
    static func started(
        _ make: StoreFactory<any Store>, with webhooks: [StoredWebhook]
    ) async throws -> (store: any Store, clock: ManualClock, now: Date) {
        let clock = ManualClock()
        let store = try await make(clock)
        try await apply(webhooks, to: store)
        return (store, clock, clock.now.date)
    }

    static func queueRow(_ webhook: String, of store: any Store, now: Date) async throws -> QueueSummary.Row {
        try await store.queueSummary(now: now).rows.first { $0.webhook == webhook }
            ?? QueueSummary.Row(webhook: webhook)
    }

    public static func enqueueFansOutToActiveSubscribers(_ make: StoreFactory<any Store>) async throws {
        let clock = ManualClock()
        let store = try await make(clock)
        try await apply(
            [
                webhook("a"), webhook("b", triggers: [.created, .approved]), webhook("c", triggers: [.approved]),
                webhook("d", active: false),
            ], to: store)
        let now = clock.now.date
        let created = event("k1", at: now)
        let granted = event("k2", trigger: .granted, at: now)
        let answers = try await store.enqueue([created, granted], now: now)
        #expect(answers.count == 2)
        #expect(answers[0].eventID == created.id && !answers[0].duplicate)
        #expect(answers[1] == Enqueued(eventID: granted.id, deliveryIDs: [], duplicate: false))

        var webhooks: [String] = []
        for id in answers[0].deliveryIDs {
            let delivery = try #require(try await store.delivery(id: id))
            webhooks.append(delivery.webhook)
            #expect(delivery.id == id && delivery.eventID == created.id)
            #expect(delivery.state == .pending && delivery.attemptsMade == 0 && delivery.lane == .first)
            #expect(delivery.trigger == .created && delivery.webhookVersion == 1)
            #expect(delivery.dueAt == now && delivery.createdAt == now && delivery.lastFailure == nil)
        }
        #expect(webhooks.sorted() == ["a", "b"])
        #expect(try await store.delivery(id: "dlv_nope") == nil)
    }

    public static func anIdempotencyKeyIsAcceptedOnce(_ make: StoreFactory<any Store>) async throws {
        let clock = ManualClock()
        let store = try await make(clock)
        try await apply([webhook("a"), webhook("b")], to: store)
        let now = clock.now.date
        let first = try await store.enqueue([event("k1", at: now)], now: now)[0]
        #expect(first.deliveryIDs.count == 2 && !first.duplicate)

        clock.advance(by: .seconds(1))
        let again = try await store.enqueue([event("k1", at: now)], now: clock.now.date)
        #expect(again == [Enqueued(eventID: first.eventID, deliveryIDs: first.deliveryIDs, duplicate: true)])

        let batch = try await store.enqueue([event("k2", at: now), event("k2", at: now)], now: clock.now.date)
        #expect(!batch[0].duplicate && batch[0].deliveryIDs.count == 2)
        #expect(batch[1] == Enqueued(eventID: batch[0].eventID, deliveryIDs: batch[0].deliveryIDs, duplicate: true))
        #expect(try await queueRow("a", of: store, now: clock.now.date).pending == 2)
        #expect(try await queueRow("b", of: store, now: clock.now.date).pending == 2)
    }

    public static func claimTakesDueDeliveriesOfTheLaneOldestFirstUpToTheLimit(
        _ make: StoreFactory<any Store>
    ) async throws {
        let clock = ManualClock()
        let store = try await make(clock)
        try await apply([webhook("a")], to: store)
        var events: [AcceptedEvent] = []
        for key in ["k1", "k2", "k3"] {
            let event = event(key, at: clock.now.date)
            events.append(event)
            _ = try await store.enqueue([event], now: clock.now.date)
            clock.advance(by: .seconds(10))
        }
        let now = clock.now.date
        #expect(try await store.claim(lane: .retry, limit: 10, owner: "w1", lease: lease, now: now).isEmpty)
        #expect(try await store.claim(lane: .first, limit: 0, owner: "w1", lease: lease, now: now).isEmpty)

        let claimed = try await store.claim(lane: .first, limit: 2, owner: "w1", lease: lease, now: now)
        #expect(claimed.map(\.event) == [events[0], events[1]])
        #expect(claimed.allSatisfy { $0.leaseExpiresAt == now.adding(lease) && $0.standing == .live })
        #expect(claimed.allSatisfy { $0.webhook == webhook("a") && $0.delivery.state == .pending })

        let rest = try await store.claim(lane: .first, limit: 10, owner: "w2", lease: lease, now: now)
        #expect(rest.map(\.event.id) == [events[2].id])
        #expect(try await store.claim(lane: .first, limit: 10, owner: "w3", lease: lease, now: now).isEmpty)

        // Enqueued after `now`: not due yet at `now`.
        _ = try await store.enqueue([event("k4", at: now)], now: now.addingTimeInterval(5))
        #expect(try await store.claim(lane: .first, limit: 10, owner: "w3", lease: lease, now: now).isEmpty)
    }

    public static func aLeasedDeliveryIsClaimedAgainOnlyAfterItsLeaseExpires(
        _ make: StoreFactory<any Store>
    ) async throws {
        let clock = ManualClock()
        let store = try await make(clock)
        try await apply([webhook("a")], to: store)
        let id = try await store.enqueue([event("k1", at: clock.now.date)], now: clock.now.date)[0].deliveryIDs[0]
        let first = try await store.claim(
            lane: .first, limit: 10, owner: "w1", lease: .seconds(30), now: clock.now.date)
        #expect(first.map(\.delivery.id) == [id])

        clock.advance(by: .seconds(29))
        #expect(
            try await store.claim(lane: .first, limit: 10, owner: "w2", lease: .seconds(30), now: clock.now.date)
                .isEmpty)
        clock.advance(by: .seconds(1))
        let again = try await store.claim(
            lane: .first, limit: 10, owner: "w2", lease: .seconds(30), now: clock.now.date)
        #expect(again.map(\.delivery.id) == [id])
        #expect(again.first?.leaseExpiresAt == clock.now.date.addingTimeInterval(30))
        #expect(again.first?.delivery.attemptsMade == 0)
    }

    public static func aResultFromAWorkerThatLostItsLeaseOnlyRecordsTheAttempt(
        _ make: StoreFactory<any Store>
    ) async throws {
        let clock = ManualClock()
        let store = try await make(clock)
        try await apply([webhook("a")], to: store)
        _ = try await store.enqueue([event("k1", at: clock.now.date)], now: clock.now.date)
        let lost = try await store.claim(lane: .first, limit: 1, owner: "w1", lease: .seconds(30), now: clock.now.date)
        clock.advance(by: .seconds(31))
        let held = try await store.claim(lane: .first, limit: 1, owner: "w2", lease: .seconds(30), now: clock.now.date)
        let id = try #require(held.first?.delivery.id)
        #expect(lost.first?.delivery.id == id)

        let late = invocation(for: lost[0], at: clock.now.date, status: .failure)
        try await store.finish(
            [AttemptResult(deliveryID: id, invocation: late, outcome: .failed(reason: "HTTP 400 Bad Request"))],
            owner: "w1", now: clock.now.date)
        #expect(try await store.invocation(id: late.id) == late)
        var delivery = try #require(try await store.delivery(id: id))
        #expect(delivery.state == .pending && delivery.attemptsMade == 0 && delivery.lastFailure == nil)
        #expect(try await queueRow("a", of: store, now: clock.now.date).consecutiveFailures == 0)

        let success = invocation(for: held[0], at: clock.now.date)
        try await store.finish(
            [AttemptResult(deliveryID: id, invocation: success, outcome: .delivered)], owner: "w2",
            now: clock.now.date)
        delivery = try #require(try await store.delivery(id: id))
        #expect(delivery.state == .delivered && delivery.attemptsMade == 1)
        #expect(try await store.invocations(InvocationQuery(webhook: "a")).count == 2)
    }

    public static func aClaimCarriesTheWebhookAsAtFanOutAndHowItStandsNow(
        _ make: StoreFactory<any Store>
    ) async throws {
        let clock = ManualClock()
        let store = try await make(clock)
        let v1 = webhook("a", url: "https://example.com/v1")
        let v2 = webhook("a", url: "https://example.com/v2")
        try await apply([v1, webhook("b"), webhook("c")], to: store)
        let now = clock.now.date
        let first = event("k1", at: now)
        _ = try await store.enqueue([first], now: now)
        try await apply([v2], to: store)
        let second = event("k2", at: now)
        _ = try await store.enqueue([second], now: now.addingTimeInterval(1))
        try await store.setActive("b", false)
        try await apply([], deletes: ["c"], to: store)

        let claimed = try await store.claim(
            lane: .first, limit: 10, owner: "w", lease: lease, now: now.addingTimeInterval(1))
        func find(_ event: AcceptedEvent, _ name: String) throws -> ClaimedDelivery {
            try #require(claimed.first { $0.event.id == event.id && $0.delivery.webhook == name })
        }
        #expect(claimed.count == 6)
        let a1 = try find(first, "a")
        #expect(a1.webhook == v1 && a1.delivery.webhookVersion == 1 && a1.standing == .live)
        let a2 = try find(second, "a")
        #expect(a2.webhook == v2 && a2.delivery.webhookVersion == 2 && a2.standing == .live)
        let b = try find(first, "b")
        #expect(b.webhook == webhook("b") && b.standing == .disabled)
        #expect(try find(second, "b").standing == .disabled && find(second, "c").standing == .deleted)
        let c = try find(first, "c")
        #expect(c.webhook == webhook("c") && c.standing == .deleted)

        // Nothing is sent for them: they end as failures without an attempt.
        try await store.finish(
            [
                AttemptResult(deliveryID: b.delivery.id, invocation: nil, outcome: .failed(reason: "webhook disabled")),
                AttemptResult(deliveryID: c.delivery.id, invocation: nil, outcome: .failed(reason: "webhook deleted")),
            ], owner: "w", now: now.addingTimeInterval(1))
        let ended = try #require(try await store.delivery(id: b.delivery.id))
        #expect(ended.state == .failed && ended.attemptsMade == 0 && ended.lastFailure == "webhook disabled")
        #expect(try await store.delivery(id: c.delivery.id)?.lastFailure == "webhook deleted")
        #expect(try await store.invocations(InvocationQuery()).isEmpty)
        #expect(try await queueRow("b", of: store, now: now).consecutiveFailures == 0)
    }

    public static func finishMovesDeliveriesCountsAttemptsAndFailureRuns(
        _ make: StoreFactory<any Store>
    ) async throws {
        let (store, clock, t0) = try await started(make, with: [webhook("a")])
        let ids = try await store.enqueue(
            [event("k1", at: t0), event("k2", at: t0), event("k3", at: t0)], now: t0
        ).map { $0.deliveryIDs[0] }
        let claimed = try await store.claim(lane: .first, limit: 10, owner: "w", lease: lease, now: t0)
        func claim(_ id: String) throws -> ClaimedDelivery { try #require(claimed.first { $0.delivery.id == id }) }
        let retried = invocation(for: try claim(ids[1]), at: t0, status: .failure)
        let failed = invocation(for: try claim(ids[2]), at: t0, status: .failure)
        try await store.finish(
            [
                AttemptResult(deliveryID: ids[1], invocation: retried, outcome: .retry(at: t0.addingTimeInterval(60))),
                AttemptResult(deliveryID: ids[2], invocation: failed, outcome: .failed(reason: "HTTP 404 Not Found")),
            ], owner: "w", now: t0)

        var delivery = try #require(try await store.delivery(id: ids[1]))
        #expect(delivery.state == .pending && delivery.attemptsMade == 1 && delivery.lane == .retry)
        #expect(delivery.dueAt == t0.addingTimeInterval(60))
        #expect(delivery.lastFailure == "HTTP 503 Service Unavailable")
        delivery = try #require(try await store.delivery(id: ids[2]))
        #expect(delivery.state == .failed && delivery.attemptsMade == 1 && delivery.lastFailure == "HTTP 404 Not Found")
        #expect(try await store.invocation(id: retried.id) == retried)
        #expect(try await store.invocation(id: failed.id) == failed)
        #expect(
            try await queueRow("a", of: store, now: t0)
                == QueueSummary.Row(
                    webhook: "a", pending: 2, due: 0, inFlight: 1, consecutiveFailures: 2, failingSince: t0))

        // The retry waits in the retry lane until it is due.
        #expect(try await store.claim(lane: .first, limit: 10, owner: "w", lease: lease, now: t0).isEmpty)
        #expect(try await store.claim(lane: .retry, limit: 10, owner: "w", lease: lease, now: t0).isEmpty)
        clock.advance(by: .seconds(60))
        let t1 = clock.now.date
        let retry = try await store.claim(lane: .retry, limit: 10, owner: "w", lease: lease, now: t1)
        #expect(retry.map(\.delivery.id) == [ids[1]])
        #expect(retry.first?.delivery.attemptsMade == 1)
        try await store.finish(
            [
                AttemptResult(
                    deliveryID: ids[1], invocation: invocation(for: retry[0], at: t1, status: .failure),
                    outcome: .retry(at: t1.addingTimeInterval(60)))
            ], owner: "w", now: t1)
        var row = try await queueRow("a", of: store, now: t1)
        #expect(row.consecutiveFailures == 3 && row.failingSince == t0)
        #expect(try await store.delivery(id: ids[1])?.attemptsMade == 2)

        // A success ends the run of failures.
        try await store.finish(
            [
                AttemptResult(
                    deliveryID: ids[0], invocation: invocation(for: try claim(ids[0]), at: t1), outcome: .delivered)
            ],
            owner: "w", now: t1)
        delivery = try #require(try await store.delivery(id: ids[0]))
        #expect(delivery.state == .delivered && delivery.attemptsMade == 1 && delivery.lastFailure == nil)
        row = try await queueRow("a", of: store, now: t1)
        #expect(row.consecutiveFailures == 0 && row.failingSince == nil && row.pending == 1)
        #expect(try await store.invocations(InvocationQuery(webhook: "a")).count == 4)

        // A result without an attempt (nothing was sent) counts neither an attempt nor a failure.
        clock.advance(by: .seconds(60))
        let t2 = clock.now.date
        let again = try await store.claim(lane: .retry, limit: 10, owner: "w", lease: lease, now: t2)
        #expect(again.map(\.delivery.id) == [ids[1]])
        try await store.finish(
            [AttemptResult(deliveryID: ids[1], invocation: nil, outcome: .retry(at: t2.addingTimeInterval(5)))],
            owner: "w", now: t2)
        #expect(try await store.delivery(id: ids[1])?.attemptsMade == 2)
        #expect(try await queueRow("a", of: store, now: t2).consecutiveFailures == 0)
    }

    public static func anAttemptCanDisableItsWebhook(_ make: StoreFactory<any Store>) async throws {
        let clock = ManualClock()
        let store = try await make(clock)
        try await apply([webhook("a"), webhook("b")], to: store)
        let now = clock.now.date
        _ = try await store.enqueue([event("k1", at: now), event("k2", at: now)], now: now)
        let claimed = try await store.claim(lane: .first, limit: 10, owner: "w", lease: lease, now: now)
        let gone = try #require(claimed.first { $0.delivery.webhook == "a" })
        let other = try #require(claimed.first { $0.delivery.webhook == "a" && $0.delivery.id != gone.delivery.id })
        let serial = try await store.snapshot().serial
        try await store.finish(
            [
                AttemptResult(
                    deliveryID: gone.delivery.id, invocation: invocation(for: gone, at: now, status: .failure),
                    outcome: .failed(reason: "HTTP 410 Gone"), disableWebhook: "the receiver answered 410 Gone")
            ], owner: "w", now: now)

        let snapshot = try await store.snapshot()
        let live = try #require(snapshot.webhooks["a"])
        #expect(!live.state.webhook.active && live.driftedFields == ["active"] && live.version == 2)
        #expect(live.disabledReason == "the receiver answered 410 Gone", "kept for queue and the console")
        #expect(snapshot.webhooks["b"]?.disabledReason == nil)
        #expect(snapshot.serial > serial)
        #expect(try await store.liveSerial() == snapshot.liveSerial)
        #expect(snapshot.webhooks["b"]?.state.webhook.active == true)
        let answer = try await store.enqueue([event("k3", at: now)], now: now)
        #expect(answer[0].deliveryIDs.count == 1)
        #expect(try await store.delivery(id: answer[0].deliveryIDs[0])?.webhook == "b")

        // The other queued delivery now finds its webhook disabled.
        try await store.finish(
            [
                AttemptResult(
                    deliveryID: other.delivery.id, invocation: nil, outcome: .retry(at: now.addingTimeInterval(1)))
            ], owner: "w", now: now)
        let later = try await store.claim(
            lane: .first, limit: 10, owner: "w", lease: lease, now: now.addingTimeInterval(1))
        #expect(later.first { $0.delivery.id == other.delivery.id }?.standing == .disabled)

        // Applied again, the webhook is as declared, and the runner's reason is gone.
        try await apply([webhook("a")], to: store)
        let applied = try #require(try await store.snapshot().webhooks["a"])
        #expect(applied.state.webhook.active && applied.disabledReason == nil)
    }

    public static func aClaimSkipsTheExcludedWebhooks(_ make: StoreFactory<any Store>) async throws {
        let (store, _, now) = try await started(make, with: [webhook("a"), webhook("b")])
        _ = try await store.enqueue([event("k1", at: now), event("k2", at: now)], now: now)
        let claimed = try await store.claim(
            lane: .first, limit: 10, owner: "w", lease: lease, now: now, excluding: ["a"])
        #expect(claimed.count == 2)
        #expect(claimed.allSatisfy { $0.delivery.webhook == "b" })
        let rest = try await store.claim(lane: .first, limit: 10, owner: "w", lease: lease, now: now)
        #expect(rest.map(\.delivery.webhook) == ["a", "a"], "the excluded ones are still there for a later claim")
    }

    /// Behind a backlog of excluded webhooks, the others' deliveries are claimed in due order, leased ones
    /// skipped, a deleted webhook's too; with every webhook excluded nothing is.
    public static func aClaimLeavingABacklogOutTakesTheOthersInDueOrder(
        _ make: StoreFactory<any Store>
    ) async throws {
        let (store, _, t0) = try await started(
            make,
            with: [webhook("a"), webhook("b", triggers: [.approved]), webhook("c", triggers: [.granted])])
        _ = try await store.enqueue((0..<30).map { event("a\($0)", at: t0) }, now: t0)
        func enqueue(_ key: String, _ trigger: Trigger, after seconds: Double) async throws -> String {
            let at = t0.addingTimeInterval(seconds)
            return try await store.enqueue([event(key, trigger: trigger, at: at)], now: at)[0].deliveryIDs[0]
        }
        let c1 = try await enqueue("c1", .granted, after: 1)
        let b1 = try await enqueue("b1", .approved, after: 2)
        let c2 = try await enqueue("c2", .granted, after: 3)
        let now = t0.addingTimeInterval(4)
        let first = try await store.claim(
            lane: .first, limit: 2, owner: "w", lease: lease, now: now, excluding: ["a"])
        #expect(first.map(\.delivery.id) == [c1, b1])
        // The webhook deleted since fan-out: its delivery is still claimed (and ends as deleted).
        try await apply([], deletes: ["c"], to: store)
        let second = try await store.claim(
            lane: .first, limit: 10, owner: "w", lease: lease, now: now, excluding: ["a"])
        #expect(second.map(\.delivery.id) == [c2])
        #expect(second.first?.standing == .deleted)
        #expect(
            try await store.claim(
                lane: .first, limit: 10, owner: "w", lease: lease, now: now, excluding: ["a", "b", "c"]
            ).isEmpty)
        let rest = try await store.claim(lane: .first, limit: 100, owner: "w", lease: lease, now: now)
        #expect(rest.count == 30 && rest.allSatisfy { $0.delivery.webhook == "a" })
    }

    public static func aLongRunOfFailuresDisablesItsWebhook(_ make: StoreFactory<any Store>) async throws {
        let (store, clock, t0) = try await started(make, with: [webhook("a")])
        let limit = FailureRunLimit(failures: 3, span: .seconds(60))
        func failOnce(_ key: String) async throws -> [String: String] {
            let now = clock.now.date
            _ = try await store.enqueue([event(key, at: now)], now: now)
            let claimed = try await store.claim(lane: .first, limit: 1, owner: "w", lease: lease, now: now)
            let one = try #require(claimed.first)
            return try await store.finish(
                [
                    AttemptResult(
                        deliveryID: one.delivery.id, invocation: invocation(for: one, at: now, status: .failure),
                        outcome: .failed(reason: "HTTP 500"), failureRunLimit: limit)
                ], owner: "w", now: now)
        }
        // Three failures in ten seconds: enough of them, but not for long enough.
        for key in ["k1", "k2", "k3"] {
            #expect(try await failOnce(key).isEmpty)
            clock.advance(by: .seconds(5))
        }
        #expect(try await store.snapshot().webhooks["a"]?.state.webhook.active == true)
        clock.advance(by: .seconds(60))
        let disabled = try await failOnce("k4")
        #expect(disabled.keys.sorted() == ["a"])
        #expect(disabled["a"]?.hasPrefix("4 consecutive failures since ") == true, "\(disabled)")
        let live = try #require(try await store.snapshot().webhooks["a"])
        #expect(!live.state.webhook.active && live.driftedFields.contains("active"))
        #expect(live.disabledReason == disabled["a"])
        #expect(t0 < clock.now.date)
        // Enabled again (or disabled by hand, or applied), the runner's reason is gone.
        try await store.setActive("a", true)
        #expect(try await store.snapshot().webhooks["a"]?.disabledReason == nil)
    }

    /// Results commit in their order: a success ends its webhook's run of failures, and only the failures after
    /// the last success of a batch count, however the store applies a batch.
    public static func aSuccessEndsTheRunOfFailuresInTheResultsOrder(_ make: StoreFactory<any Store>) async throws {
        let (store, clock, _) = try await started(make, with: [webhook("a")])
        let limit = FailureRunLimit(failures: 100, span: .seconds(60))
        func batch(_ outcomes: [Bool], _ tag: String) async throws -> Int {
            let now = clock.now.date
            let keys = outcomes.indices.map { "\(tag)-\($0)" }
            _ = try await store.enqueue(keys.map { event($0, at: now) }, now: now)
            let claimed = try await store.claim(lane: .first, limit: 10, owner: "w", lease: lease, now: now)
            #expect(claimed.count == outcomes.count)
            try await store.finish(
                zip(claimed, outcomes).map { one, succeeded in
                    AttemptResult(
                        deliveryID: one.delivery.id,
                        invocation: invocation(for: one, at: now, status: succeeded ? .success : .failure),
                        outcome: succeeded ? .delivered : .failed(reason: "HTTP 500"), failureRunLimit: limit)
                }, owner: "w", now: now)
            clock.advance(by: .seconds(1))
            // No row: nothing queued and no run of failures.
            return try await store.queueSummary(now: clock.now.date).rows.first { $0.webhook == "a" }?
                .consecutiveFailures ?? 0
        }
        #expect(try await batch([false, false], "x") == 2)
        #expect(try await batch([false, true, false], "y") == 1, "the success ended the run; one failure after it")
        #expect(try await batch([false, false, true], "z") == 0)
        #expect(try await batch([true, true, false, false], "w") == 2)
        let attempts = try await store.invocations(InvocationQuery(webhook: "a", limit: 100))
        #expect(attempts.count == 12)
        #expect(attempts.filter { $0.status == .success }.count == 4)
    }

    public static func redeliveryQueuesTheEventAgainForTheWebhookAsItIsNow(
        _ make: StoreFactory<any Store>
    ) async throws {
        let (store, clock, t0) = try await started(make, with: [webhook("a")])
        let original = event("k1", at: t0)
        let first = try await store.enqueue([original], now: t0)[0].deliveryIDs[0]
        let claimed = try await store.claim(lane: .first, limit: 10, owner: "w", lease: lease, now: t0)
        try await store.finish(
            [AttemptResult(deliveryID: first, invocation: invocation(for: claimed[0], at: t0), outcome: .delivered)],
            owner: "w", now: t0)
        let v2 = webhook("a", triggers: [.approved], url: "https://example.com/v2")
        try await apply([v2], to: store)

        clock.advance(by: .seconds(3600))
        let now = clock.now.date
        let id = try await store.redeliver(eventID: original.id, webhook: "a", now: now)
        #expect(id != first)
        let delivery = try #require(try await store.delivery(id: id))
        #expect(delivery.eventID == original.id && delivery.webhook == "a" && delivery.webhookVersion == 2)
        #expect(delivery.trigger == .redelivery && delivery.state == .pending && delivery.attemptsMade == 0)
        #expect(delivery.dueAt == now && delivery.createdAt == now)
        let again = try await store.claim(lane: .first, limit: 10, owner: "w", lease: lease, now: now)
        #expect(again.map(\.delivery.id) == [id])
        #expect(again.first?.event == original && again.first?.webhook == v2 && again.first?.standing == .live)
        #expect(try await store.delivery(id: first)?.state == .delivered)

        await #expect(throws: StoreError.unknownEvent("evt_nope")) {
            _ = try await store.redeliver(eventID: "evt_nope", webhook: "a", now: now)
        }
        await #expect(throws: StoreError.notFound("nope")) {
            _ = try await store.redeliver(eventID: original.id, webhook: "nope", now: now)
        }
    }

    public static func nextDueAtIsTheEarliestDueTimeOrLeaseExpiry(_ make: StoreFactory<any Store>) async throws {
        let clock = ManualClock()
        let store = try await make(clock)
        #expect(try await store.nextDueAt() == nil)
        try await apply([webhook("a")], to: store)
        let t0 = clock.now.date
        let id = try await store.enqueue([event("k1", at: t0)], now: t0)[0].deliveryIDs[0]
        #expect(try await store.nextDueAt() == t0)
        let claimed = try await store.claim(lane: .first, limit: 10, owner: "w", lease: .seconds(30), now: t0)
        #expect(try await store.nextDueAt() == t0.addingTimeInterval(30))
        try await store.finish(
            [
                AttemptResult(
                    deliveryID: id, invocation: invocation(for: claimed[0], at: t0, status: .failure),
                    outcome: .retry(at: t0.addingTimeInterval(100)))
            ], owner: "w", now: t0)
        #expect(try await store.nextDueAt() == t0.addingTimeInterval(100))
        let retry = try await store.claim(
            lane: .retry, limit: 10, owner: "w", lease: .seconds(30), now: t0.addingTimeInterval(100))
        try await store.finish(
            [
                AttemptResult(
                    deliveryID: id, invocation: invocation(for: retry[0], at: t0.addingTimeInterval(100)),
                    outcome: .delivered)
            ], owner: "w", now: t0.addingTimeInterval(100))
        #expect(try await store.nextDueAt() == nil)
    }

    public static func queueSummaryCountsPendingDueInFlightAndOldest(_ make: StoreFactory<any Store>) async throws {
        let clock = ManualClock()
        let store = try await make(clock)
        #expect(try await store.queueSummary(now: clock.now.date).rows.isEmpty)
        try await apply([webhook("b"), webhook("a", triggers: [.created, .approved])], to: store)
        let t0 = clock.now.date
        _ = try await store.enqueue([event("k1", at: t0)], now: t0)
        clock.advance(by: .seconds(10))
        let t1 = clock.now.date
        _ = try await store.enqueue([event("k2", trigger: .approved, at: t1)], now: t1)
        #expect(
            try await store.queueSummary(now: t1).rows == [
                QueueSummary.Row(webhook: "a", pending: 2, due: 2, oldestDueAt: t0),
                QueueSummary.Row(webhook: "b", pending: 1, due: 1, oldestDueAt: t0),
            ])
        // Before anything is due.
        #expect(
            try await store.queueSummary(now: t0.addingTimeInterval(-1)).rows == [
                QueueSummary.Row(webhook: "a", pending: 2), QueueSummary.Row(webhook: "b", pending: 1),
            ])

        let claimed = try await store.claim(lane: .first, limit: 10, owner: "w", lease: .seconds(30), now: t1)
        let b = try #require(claimed.first { $0.delivery.webhook == "b" })
        try await store.finish(
            [
                AttemptResult(
                    deliveryID: b.delivery.id, invocation: invocation(for: b, at: t1, status: .failure),
                    outcome: .retry(at: t1.addingTimeInterval(1000)))
            ], owner: "w", now: t1)
        #expect(
            try await store.queueSummary(now: t1).rows == [
                QueueSummary.Row(webhook: "a", pending: 2, inFlight: 2),
                QueueSummary.Row(webhook: "b", pending: 1, consecutiveFailures: 1, failingSince: t1),
            ])
        // Once the leases lapse, their deliveries are due again.
        let later = t1.addingTimeInterval(31)
        #expect(
            try await store.queueSummary(now: later).rows.first
                == QueueSummary.Row(webhook: "a", pending: 2, due: 2, oldestDueAt: t0))
    }

    /// Every check, for a backend's test target to run: `@Test(arguments: DeliveryQueueContract.checks)`.
    public static let checks: [ContractCheck<any Store>] = [
        ContractCheck("enqueueFansOutToActiveSubscribers", enqueueFansOutToActiveSubscribers),
        ContractCheck("anIdempotencyKeyIsAcceptedOnce", anIdempotencyKeyIsAcceptedOnce),
        ContractCheck(
            "fanOutAppliesFiltersAndNamesTheWebhooksFilteredOut", fanOutAppliesFiltersAndNamesTheWebhooksFilteredOut),
        ContractCheck(
            "claimTakesDueDeliveriesOfTheLaneOldestFirstUpToTheLimit",
            claimTakesDueDeliveriesOfTheLaneOldestFirstUpToTheLimit),
        ContractCheck(
            "aLeasedDeliveryIsClaimedAgainOnlyAfterItsLeaseExpires",
            aLeasedDeliveryIsClaimedAgainOnlyAfterItsLeaseExpires),
        ContractCheck(
            "aResultFromAWorkerThatLostItsLeaseOnlyRecordsTheAttempt",
            aResultFromAWorkerThatLostItsLeaseOnlyRecordsTheAttempt),
        ContractCheck(
            "aRunnerExtendsTheLeasesItHoldsAndLearnsWhichItLost", aRunnerExtendsTheLeasesItHoldsAndLearnsWhichItLost),
        ContractCheck(
            "aClaimCarriesTheWebhookAsAtFanOutAndHowItStandsNow", aClaimCarriesTheWebhookAsAtFanOutAndHowItStandsNow),
        ContractCheck(
            "finishMovesDeliveriesCountsAttemptsAndFailureRuns", finishMovesDeliveriesCountsAttemptsAndFailureRuns),
        ContractCheck("anAttemptCanDisableItsWebhook", anAttemptCanDisableItsWebhook),
        ContractCheck("aLongRunOfFailuresDisablesItsWebhook", aLongRunOfFailuresDisablesItsWebhook),
        ContractCheck(
            "aSuccessEndsTheRunOfFailuresInTheResultsOrder", aSuccessEndsTheRunOfFailuresInTheResultsOrder),
        ContractCheck("anUnsentEndDoesNotExtendTheRunOfFailures", anUnsentEndDoesNotExtendTheRunOfFailures),
        ContractCheck("anActiveVersionStartsAFreshRunOfFailures", anActiveVersionStartsAFreshRunOfFailures),
        ContractCheck("aHandBackKeepsTheLastFailure", aHandBackKeepsTheLastFailure),
        ContractCheck("aClaimSkipsTheExcludedWebhooks", aClaimSkipsTheExcludedWebhooks),
        ContractCheck(
            "aClaimLeavingABacklogOutTakesTheOthersInDueOrder", aClaimLeavingABacklogOutTakesTheOthersInDueOrder),
        ContractCheck("aCommitOfManyAttemptsKeepsTheSummariesRight", aCommitOfManyAttemptsKeepsTheSummariesRight),
        ContractCheck(
            "redeliveryQueuesTheEventAgainForTheWebhookAsItIsNow", redeliveryQueuesTheEventAgainForTheWebhookAsItIsNow),
        ContractCheck("nextDueAtIsTheEarliestDueTimeOrLeaseExpiry", nextDueAtIsTheEarliestDueTimeOrLeaseExpiry),
        ContractCheck("queueSummaryCountsPendingDueInFlightAndOldest", queueSummaryCountsPendingDueInFlightAndOldest),
        ContractCheck(
            "anOrderedWebhookGetsOneRequestsEventsInEventTimeOrder",
            anOrderedWebhookGetsOneRequestsEventsInEventTimeOrder),
    ]
}
