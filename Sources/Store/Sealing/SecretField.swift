public import WebhookModel

/// A secret-capable field of a webhook: header values, auth credentials and signing secrets.
public struct SecretField: Hashable, Sendable {
    /// The field path, as in `Declaration.fieldLocations`: `headers.X-Api-Key`, `auth.token`, `signing.secrets[0]`.
    public var path: String
    public var value: SecretValue

    public init(path: String, value: SecretValue) {
        self.path = path
        self.value = value
    }

    /// Whether the value must never be printed or stored in plain text: every reference, and any literal in
    /// `auth` or `signing` (a header literal such as `Content-Type: application/json` is plain configuration).
    public var isSensitive: Bool {
        switch value {
        case .reference: true
        case .literal: !path.hasPrefix("headers.") || path == "auth.username"
        }
    }

    /// What a redacted sensitive literal is stored as; its value lives only in the sealed secret.
    public static let redacted = SecretValue.literal("(sensitive)")
}
