public import JSON
public import Store
public import WebhookModel

/// One attempt to send: which webhook, which event, why, and which attempt it is.
public struct DeliveryRequest: Sendable {
    public var webhook: Webhook
    public var secrets: ResolvedSecrets
    public var event: JSONValue
    /// The event's id; with the webhook's name it makes the `webhook-id`, so it is stable across retries.
    public var eventID: String
    public var trigger: InvocationTrigger
    public var attempt: Int

    public init(
        webhook: Webhook, secrets: ResolvedSecrets = ResolvedSecrets(), event: JSONValue, eventID: String,
        trigger: InvocationTrigger, attempt: Int = 1
    ) {
        self.webhook = webhook
        self.secrets = secrets
        self.event = event
        self.eventID = eventID
        self.trigger = trigger
        self.attempt = attempt
    }
}
