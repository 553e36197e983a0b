public import Foundation

/// A delivery leased to one worker: what to send, and how the webhook stands now.
public struct ClaimedDelivery: Hashable, Sendable {
    /// How the webhook stands now, compared with the version the delivery was fanned out to.
    public enum WebhookStanding: Hashable, Sendable {
        /// Still there and active (possibly changed since: the delivery is still sent as it was at fan-out).
        case live
        /// Deleted since fan-out: the delivery ends as `Failure: webhook deleted`.
        case deleted
        /// Disabled since fan-out: the delivery ends as `Failure: webhook disabled`.
        case disabled
    }

    public var delivery: QueuedDelivery
    public var event: AcceptedEvent
    /// The webhook as it was at fan-out.
    public var webhook: StoredWebhook
    public var standing: WebhookStanding
    /// The lease ends here; after it, another worker may claim the delivery again.
    public var leaseExpiresAt: Date

    public init(
        delivery: QueuedDelivery, event: AcceptedEvent, webhook: StoredWebhook, standing: WebhookStanding,
        leaseExpiresAt: Date
    ) {
        self.delivery = delivery
        self.event = event
        self.webhook = webhook
        self.standing = standing
        self.leaseExpiresAt = leaseExpiresAt
    }
}
