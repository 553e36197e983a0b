public import WebhookModel

/// Why an invocation was sent: an event's trigger, a `hookctl test`, or a redelivery.
public enum InvocationTrigger: String, Hashable, Sendable, Codable, CaseIterable {
    case created = "Created"
    case approved = "Approved"
    case rejected = "Rejected"
    case granted = "Granted"
    case expired = "Expired"
    case failed = "Failed"
    case test = "Test"
    case redelivery = "Redelivery"

    /// The invocation trigger of an event trigger.
    public init(_ trigger: Trigger) {
        self = InvocationTrigger(rawValue: trigger.rawValue) ?? .test
    }
}
