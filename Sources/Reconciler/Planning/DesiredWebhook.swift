public import Store
public import WebhookModel

/// A webhook as `webhooks.d` wants it: its secrets resolved and sealed, and where it was declared.
public struct DesiredWebhook: Hashable, Sendable, Codable {
    public var state: StoredWebhook
    public var location: SourceLocation

    public init(state: StoredWebhook, location: SourceLocation) {
        self.state = state
        self.location = location
    }

    public var name: String { state.name }
}
