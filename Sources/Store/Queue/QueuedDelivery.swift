public import Foundation

/// One event for one webhook: the unit the workers claim, send and finish.
public struct QueuedDelivery: Hashable, Sendable, Codable {
    /// Where a delivery is in its life.
    public enum State: String, Hashable, Sendable, Codable {
        /// Waiting for its next attempt (due at `dueAt`), or in flight under a lease.
        case pending
        /// An attempt succeeded.
        case delivered
        /// It ended without success: out of attempts, a 4xx that is not retried, or its webhook went away.
        case failed
    }

    /// `dlv_` and a random UUID.
    public var id: String
    public var eventID: String
    public var webhook: String
    /// The webhook's version at fan-out; the delivery is sent as the webhook was then.
    public var webhookVersion: Int64
    /// The event's trigger, or `Redelivery` for one queued by `hookctl redeliver`.
    public var trigger: InvocationTrigger
    /// Attempts made so far (0 until the first one is recorded).
    public var attemptsMade: Int
    public var dueAt: Date
    public var state: State
    /// Why the last attempt failed, or why the delivery ended.
    public var lastFailure: String?
    public var createdAt: Date

    public init(
        id: String = QueuedDelivery.newID(), eventID: String, webhook: String, webhookVersion: Int64,
        trigger: InvocationTrigger, attemptsMade: Int = 0, dueAt: Date, state: State = .pending,
        lastFailure: String? = nil, createdAt: Date
    ) {
        self.id = id
        self.eventID = eventID
        self.webhook = webhook
        self.webhookVersion = webhookVersion
        self.trigger = trigger
        self.attemptsMade = attemptsMade
        self.dueAt = dueAt
        self.state = state
        self.lastFailure = lastFailure
        self.createdAt = createdAt
    }

    /// The lane this delivery waits in: first attempts apart from retries, so a dead receiver's retries never
    /// delay healthy first attempts.
    public var lane: DeliveryLane { attemptsMade == 0 ? .first : .retry }

    /// A new delivery id: `dlv_` and a random UUID.
    public static func newID() -> String { TimeOrderedID.make(prefix: "dlv_") }
}

/// First attempts and retries wait in separate lanes.
public enum DeliveryLane: String, Hashable, Sendable, CaseIterable {
    case first, retry
}
