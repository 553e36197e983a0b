import WebhookModel

/// The values of a webhook's `${env:…}`/`${file:…}` references by field path (`headers.X-Api-Key`, `auth.password`,
/// `signing.secrets[0]`, …), as `SecretResolver` produces them or the store unseals them.
public struct ResolvedSecrets: Hashable, Sendable {
    public var values: [String: String]

    public init(_ values: [String: String] = [:]) { self.values = values }

    /// The value to send for a declared field: a literal as written, a reference as resolved.
    func value(_ declared: SecretValue, at path: String) throws(DeliveryFailure) -> String {
        switch declared {
        case .literal(let text): return text
        case .reference(let ref):
            guard let value = values[path] else { throw .unresolvedSecret(path: path, reference: ref.description) }
            return value
        }
    }

    /// Every value that must never be stored or printed: each resolved reference, each literal credential (every
    /// auth field the store seals — a basic username and an OAuth client id too — and signing secrets) and each
    /// literal value of a sensitive header (`Header.isSensitive`); other literal header values (`Content-Type:
    /// application/json`) are configuration.
    func secretTexts(of webhook: Webhook) -> [String] {
        var texts = Array(values.values)
        for header in webhook.headers where header.isSensitive { texts += literal(header.value) }
        switch webhook.auth {
        case .none: break
        case .basic(let username, let password): texts += literal(username) + literal(password)
        case .bearer(let token): texts += literal(token)
        case .apiKey(_, let value): texts += literal(value)
        case .oauth2(let oauth): texts += literal(oauth.clientID) + literal(oauth.clientSecret)
        }
        for secret in webhook.signing?.secrets ?? [] { texts += literal(secret) }
        return texts
    }

    private func literal(_ value: SecretValue) -> [String] {
        if case .literal(let text) = value { return [text] }
        return []
    }
}
