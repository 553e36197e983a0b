import Foundation
import Store
import WebhookModel

/// Fetches client-credentials tokens through the sender's address guard and caches them in its token cache.
struct OAuthClient: Sendable {
    let key: OAuthTokenCache.Key
    let clientSecret: String
    let sender: Sender
    /// The attempt's deadline, which bounds its wait for a token.
    let deadline: SendDeadline

    init(
        _ oauth: OAuth2ClientCredentials, secrets: ResolvedSecrets, sender: Sender, deadline: SendDeadline
    ) throws(DeliveryFailure) {
        key = OAuthTokenCache.Key(
            tokenURL: oauth.tokenURL, clientID: try secrets.value(oauth.clientID, at: "auth.client_id"),
            scopes: oauth.scopes, audience: oauth.audience)
        clientSecret = try secrets.value(oauth.clientSecret, at: "auth.client_secret")
        self.sender = sender
        self.deadline = deadline
    }

    /// A usable token: cached, or fetched once for all concurrent callers, each waiting until its own deadline at
    /// most. The fetch has the whole timeout of its own, so callers joining it late do not inherit one nearly run out.
    func token() async throws(DeliveryFailure) -> OAuthTokenCache.Token {
        let client = self
        return try await sender.tokens.token(for: key, now: sender.clock.now.date, deadline: deadline) {
            await client.fetch(before: SendDeadline(timeout: client.deadline.timeout))
        }.get()
    }

    /// One token request: `grant_type=client_credentials` with the client's id and secret in the form body.
    func fetch(before deadline: SendDeadline) async -> Result<OAuthTokenCache.Token, DeliveryFailure> {
        let target: CheckedTarget
        switch await sender.addressGuard.check(key.tokenURL, before: deadline) {
        case .success(let checked): target = checked
        case .failure(let refusal): return .failure(.oauthRefused(refusal))
        }
        var fields = [
            ("grant_type", "client_credentials"), ("client_id", key.clientID), ("client_secret", clientSecret),
        ]
        if !key.scopes.isEmpty { fields.append(("scope", key.scopes.joined(separator: " "))) }
        if let audience = key.audience { fields.append(("audience", audience)) }
        let form = fields.map { "\(Self.formEncode($0.0))=\(Self.formEncode($0.1))" }.joined(separator: "&")
        let request = OutgoingRequest(
            method: "POST", url: key.tokenURL,
            headers: [
                InvocationHeader(name: "Content-Type", value: "application/x-www-form-urlencoded"),
                InvocationHeader(name: "Accept", value: "application/json"),
                InvocationHeader(name: "User-Agent", value: sender.userAgent),
            ],
            body: Array(form.utf8))
        switch await sender.transport.perform(request, to: target, deadline: deadline) {
        case .failure(let failure):
            return .failure(.oauth("\(key.tokenURL): \(failure)"))
        case .success(let response):
            if let bodyFailure = response.bodyFailure { return .failure(.oauth("\(key.tokenURL): \(bodyFailure)")) }
            return OAuthTokenResponse.parse(response.body, status: response.status, now: sender.clock.now.date)
        }
    }

    static func formEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
