/// One HTTP header a webhook sends. Names keep the case they were declared with.
public struct Header: Hashable, Sendable {
    public var name: String
    public var value: SecretValue
    /// Listed in the declaration's `sensitive_headers`: its value is a secret whatever its name.
    public var markedSensitive: Bool

    public init(name: String, value: SecretValue, markedSensitive: Bool = false) {
        self.name = name
        self.value = value
        self.markedSensitive = markedSensitive
    }

    /// Whether the value is a secret — sealed in the store, redacted in history, never printed: a reference, a
    /// header named like a credential, or one listed in `sensitive_headers`.
    public var isSensitive: Bool {
        if case .reference = value { return true }
        return markedSensitive || Self.isCredentialName(name)
    }

    /// Name parts that make a header a credential, compared ignoring case (`X-Api-Key`, `X-Auth-Token`, …).
    public static let credentialNameParts = ["key", "token", "secret", "password", "passwd", "signature", "auth"]
    /// Whole names that are credentials (besides those containing a `credentialNameParts` entry).
    public static let credentialNames: Set<String> = ["authorization", "proxy-authorization", "cookie"]

    /// Whether a header with this name carries a credential: `Authorization`, `Proxy-Authorization`, `Cookie`, or a
    /// name containing `key`, `token`, `secret`, `password`, `passwd`, `signature` or `auth`, ignoring case.
    public static func isCredentialName(_ name: String) -> Bool {
        let lower = name.lowercased()
        return credentialNames.contains(lower) || credentialNameParts.contains { lower.contains($0) }
    }

    /// Headers that hookctl or the HTTP client controls and a declaration may not set.
    public static let reserved: Set<String> = ["host", "content-length", "transfer-encoding", "connection"]

    public static let maxCount = 10
}
