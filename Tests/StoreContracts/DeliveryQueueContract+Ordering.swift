import Foundation
public import Store
import Testing
import WebhookModel

extension DeliveryQueueContract {
    /// An access request's event for the ordering checks: `key` names the event, `request` its `data.id`.
    static func requestEvent(_ key: String, _ trigger: Trigger, request: String, at date: Date) -> AcceptedEvent {
        AcceptedEvent(
            idempotencyKey: key, trigger: trigger, accessRequestID: request, eventTime: date,
            payload: Array(#"{"event_type":"AccessRequest\#(trigger.rawValue)","data":{"id":"\#(request)"}}"#.utf8),
            receivedAt: date)
    }

    public static func anOrderedWebhookGetsOneRequestsEventsInEventTimeOrder(
        _ make: StoreFactory<any Store>
    ) async throws {
        let triggers: [Trigger] = [.created, .approved, .granted]
        var ordered = webhook("o", triggers: triggers)
        ordered.webhook.ordered = true
        let (store, clock, t0) = try await started(make, with: [ordered, webhook("u", triggers: triggers)])
        let created = requestEvent("c1", .created, request: "ar-1", at: t0)
        let approved = requestEvent("a1", .approved, request: "ar-1", at: t0.addingTimeInterval(1))
        let granted = requestEvent("g1", .granted, request: "ar-1", at: t0.addingTimeInterval(2))
        let other = requestEvent("c2", .created, request: "ar-2", at: t0.addingTimeInterval(3))
        // Approved arrives before Created: the line follows event_time, not arrival.
        _ = try await store.enqueue([approved], now: t0)
        _ = try await store.enqueue([created, granted, other], now: t0)

        var held: [String: ClaimedDelivery] = [:]
        func claim(_ lane: DeliveryLane = .first) async throws -> [String: [String]] {
            let claimed = try await store.claim(
                lane: lane, limit: 100, owner: "w", lease: lease, now: clock.now.date)
            for one in claimed where one.delivery.webhook == "o" { held[one.event.idempotencyKey] = one }
            return Dictionary(grouping: claimed, by: \.delivery.webhook).mapValues { $0.map(\.event.idempotencyKey) }
        }
        func finish(_ key: String, _ outcome: AttemptResult.Outcome) async throws {
            let one = try #require(held[key])
            let status: Invocation.Status = if case .delivered = outcome { .success } else { .failure }
            try await store.finish(
                [
                    AttemptResult(
                        deliveryID: one.delivery.id,
                        invocation: invocation(for: one, at: clock.now.date, status: status),
                        outcome: outcome)
                ], owner: "w", now: clock.now.date)
        }

        let first = try await claim()
        #expect(first["u"]?.sorted() == ["a1", "c1", "c2", "g1"], "an unordered webhook waits for nothing")
        #expect(first["o"]?.sorted() == ["c1", "c2"], "only the head of each request's line")

        // Created fails and is retried later: Approved still waits, through the retry.
        try await finish("c1", .retry(at: t0.addingTimeInterval(10)))
        #expect(try await claim()["o"] == nil)
        clock.advance(by: .seconds(10))
        #expect(try await claim(.retry)["o"] == ["c1"])
        #expect(try await claim()["o"] == nil, "in flight still holds the line")
        try await finish("c1", .delivered)
        #expect(try await claim()["o"] == ["a1"])

        // A redelivery is outside the line: neither held back nor holding back.
        let redelivered = try await store.redeliver(eventID: created.id, webhook: "o", now: clock.now.date)
        let again = try await store.claim(lane: .first, limit: 100, owner: "w", lease: lease, now: clock.now.date)
        #expect(again.map(\.delivery.id) == [redelivered])

        // A final failure ends its place in line as a success does.
        try await finish("a1", .failed(reason: "HTTP 400"))
        #expect(try await claim()["o"] == ["g1"])
    }
}
