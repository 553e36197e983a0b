/// Standard Webhooks signing: each request carries `webhook-id`, `webhook-timestamp` and `webhook-signature`.
public struct Signing: Hashable, Sendable, Codable {
    /// One secret, or two while rotating (both signatures are sent). Each resolves to a `whsec_…` value.
    public var secrets: [SecretValue]

    public init(secrets: [SecretValue]) {
        self.secrets = secrets
    }

    public static let maxSecrets = 2
}
