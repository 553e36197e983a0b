public import Foundation
public import WebhookModel

/// An access-request event the intake accepted, as the delivery queue keeps it.
public struct AcceptedEvent: Hashable, Sendable, Codable {
    /// `evt_` and a random UUID; given out in the intake's 202 answer.
    public var id: String
    /// The client's `Idempotency-Key`, else `event_type|data.id|event_time`: the same key is accepted once.
    public var idempotencyKey: String
    public var trigger: Trigger
    /// `data.id`: the access request the event is about (ordered webhooks keep one request's events in order).
    public var accessRequestID: String
    /// `event_time`.
    public var eventTime: Date
    /// The event's JSON text, as validated at the intake.
    public var payload: [UInt8]
    public var receivedAt: Date

    public init(
        id: String = AcceptedEvent.newID(), idempotencyKey: String, trigger: Trigger, accessRequestID: String,
        eventTime: Date, payload: [UInt8], receivedAt: Date
    ) {
        self.id = id
        self.idempotencyKey = idempotencyKey
        self.trigger = trigger
        self.accessRequestID = accessRequestID
        self.eventTime = eventTime
        self.payload = payload
        self.receivedAt = receivedAt
    }

    /// A new event id: `evt_` and a random UUID.
    public static func newID() -> String { TimeOrderedID.make(prefix: "evt_") }
}
