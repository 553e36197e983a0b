public import WebhookModel

/// A webhook's desired state ready for the store: declared values (references stay references, sensitive literals
/// are redacted) with every sensitive value sealed beside it, keyed by field path.
public struct StoredWebhook: Hashable, Sendable, Codable {
    /// The webhook as declared, with sensitive literal values replaced by `SecretField.redacted`.
    public var webhook: Webhook
    /// Sealed values by field path (`auth.token`, `headers.X-Api-Key`, `signing.secrets[0]`, …).
    public var secrets: [String: SealedSecret]

    public init(webhook: Webhook, secrets: [String: SealedSecret]) {
        self.webhook = webhook
        self.secrets = secrets
    }

    public var name: String { webhook.name }
}
