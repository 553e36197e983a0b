public import Foundation
public import Store

/// A test store wrapped around an `InMemoryStore`: it forwards the live state there, so a test store declares only
/// what it changes (counting, slowing down) and the rest stays the real in-memory behaviour.
public protocol InMemoryWrapper: LiveStateStore {
    var store: InMemoryStore { get }
}

extension InMemoryWrapper {
    public func snapshot() async throws(StoreError) -> LiveSnapshot { try await store.snapshot() }

    public func liveSerial() async throws(StoreError) -> LiveSerial { try await store.liveSerial() }

    @discardableResult
    public func commit(_ changes: StoreChangeSet) async throws(StoreError) -> Int64 { try await store.commit(changes) }

    public func setActive(_ name: String, _ active: Bool) async throws(StoreError) {
        try await store.setActive(name, active)
    }
}

/// The delivery queue forwarded too, for a wrapper that is a queue: it declares only the calls it changes.
extension InMemoryWrapper where Self: DeliveryQueueStore {
    public func enqueue(
        _ events: [AcceptedEvent], now: Date, filter: FanOutFilter
    ) async throws(StoreError) -> [Enqueued] {
        try await store.enqueue(events, now: now, filter: filter)
    }

    public func claim(
        lane: DeliveryLane, limit: Int, owner: String, lease: Duration, now: Date, excluding: Set<String>
    ) async throws(StoreError) -> [ClaimedDelivery] {
        try await store.claim(lane: lane, limit: limit, owner: owner, lease: lease, now: now, excluding: excluding)
    }

    public func extendLeases(
        _ deliveryIDs: [String], owner: String, lease: Duration, now: Date
    ) async throws(StoreError) -> Set<String> {
        try await store.extendLeases(deliveryIDs, owner: owner, lease: lease, now: now)
    }

    @discardableResult
    public func finish(
        _ results: [AttemptResult], owner: String, now: Date
    ) async throws(StoreError) -> [String: String] {
        try await store.finish(results, owner: owner, now: now)
    }

    public func redeliver(eventID: String, webhook: String, now: Date) async throws(StoreError) -> String {
        try await store.redeliver(eventID: eventID, webhook: webhook, now: now)
    }

    public func nextDueAt() async throws(StoreError) -> Date? { try await store.nextDueAt() }

    public func queueSummary(now: Date) async throws(StoreError) -> QueueSummary {
        try await store.queueSummary(now: now)
    }

    public func delivery(id: String) async throws(StoreError) -> QueuedDelivery? { try await store.delivery(id: id) }
}
