public import Foundation

/// The durable delivery queue: the intake enqueues a fan-out, workers claim due deliveries under a lease, send
/// them, and finish them with their attempts; admins redeliver. Every implementation passes `DeliveryQueueContract`.
public protocol DeliveryQueueStore: Sendable {
    /// Accepts events: each is stored with one pending delivery, due now, per webhook that is active, subscribes
    /// to its trigger and — when it has a filter — that `filter` admits, all in one transaction that is durable when
    /// this returns; the subscribers filtered out are named in the answer. An event whose idempotency key was
    /// accepted before queues nothing and answers that first acceptance with `duplicate`.
    func enqueue(_ events: [AcceptedEvent], now: Date, filter: FanOutFilter) async throws(StoreError) -> [Enqueued]

    /// Leases up to `limit` pending deliveries in `lane` that are due by `now`, oldest due first, to `owner` until
    /// `now + lease`, skipping deliveries to the webhooks in `excluding` (those whose receivers are at their limit,
    /// so they cannot crowd out the rest). A delivery whose lease expired (its runner died) is claimed again.
    func claim(
        lane: DeliveryLane, limit: Int, owner: String, lease: Duration, now: Date, excluding: Set<String>
    ) async throws(StoreError) -> [ClaimedDelivery]

    /// Extends the leases `owner` holds on `deliveryIDs` to `now + lease`, so a live runner keeps what it claimed
    /// while the deliveries wait for room or are being sent. Returns the ids it no longer holds — finished, or
    /// claimed by another runner after its lease lapsed — which it must not send.
    func extendLeases(
        _ deliveryIDs: [String], owner: String, lease: Duration, now: Date
    ) async throws(StoreError) -> Set<String>

    /// Records the attempts and applies their outcomes in one transaction (many workers' results commit together),
    /// durable when this returns. A result for a delivery `owner` no longer holds still records its attempt but
    /// leaves the delivery to its new holder. Returns the webhooks these results disabled (a 410, or a run of
    /// failures past its `failureRunLimit`), each with why. SQLite commits it even when the calling task is
    /// cancelled (a worker stopped with attempts in hand); PostgreSQL's pool gives up on a cancelled task, and the
    /// leases then bring the deliveries back.
    @discardableResult
    func finish(_ results: [AttemptResult], owner: String, now: Date) async throws(StoreError) -> [String: String]

    /// Queues `eventID` again for `webhook` (as it is now), due now, with trigger `Redelivery`; returns the new
    /// delivery's id.
    func redeliver(eventID: String, webhook: String, now: Date) async throws(StoreError) -> String

    /// The earliest time a pending delivery becomes due (or its lease expires), for the scheduler's sleep.
    func nextDueAt() async throws(StoreError) -> Date?

    /// The queue per webhook.
    func queueSummary(now: Date) async throws(StoreError) -> QueueSummary

    /// One delivery, by id.
    func delivery(id: String) async throws(StoreError) -> QueuedDelivery?
}

extension DeliveryQueueStore {
    /// Enqueues for callers that cannot read events: a webhook with a filter receives none of them
    /// (`FanOutFilter.unfilteredOnly`).
    public func enqueue(_ events: [AcceptedEvent], now: Date) async throws(StoreError) -> [Enqueued] {
        try await enqueue(events, now: now, filter: .unfilteredOnly)
    }

    /// Claims without excluding any webhook.
    public func claim(
        lane: DeliveryLane, limit: Int, owner: String, lease: Duration, now: Date
    ) async throws(StoreError) -> [ClaimedDelivery] {
        try await claim(lane: lane, limit: limit, owner: owner, lease: lease, now: now, excluding: [])
    }
}
