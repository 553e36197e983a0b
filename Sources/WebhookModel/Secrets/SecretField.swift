/// A secret-capable field of a webhook: header values, auth credentials and signing secrets.
public struct SecretField: Hashable, Sendable {
    /// The field path, as in `Declaration.fieldLocations`: `headers.X-Api-Key`, `auth.token`, `signing.secrets[0]`.
    public var path: String
    public var value: SecretValue
    /// Whether the value must never be printed or stored in plain text: every reference, every literal in `auth` or
    /// `signing`, and a literal header value when the header is sensitive (`Header.isSensitive`); a header such as
    /// `Content-Type: application/json` is plain configuration.
    public var isSensitive: Bool

    public init(path: String, value: SecretValue, isSensitive: Bool) {
        self.path = path
        self.value = value
        self.isSensitive = isSensitive
    }

    /// The value as written when it is held in plain text: a literal other than `redacted`; `nil` for a reference
    /// or a redacted literal. A sensitive field with one comes from a store written before the field counted as
    /// sensitive (a header named like a credential, or listed in `sensitive_headers` since).
    public var plainText: String? {
        guard case .literal(let text) = value, value != Self.redacted else { return nil }
        return text
    }

    /// What a redacted sensitive literal is stored as; its value lives only in the sealed secret.
    public static let redacted = SecretValue.literal("(sensitive)")
}
