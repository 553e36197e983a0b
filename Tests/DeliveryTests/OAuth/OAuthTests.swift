import Foundation
import Store
import TestSupport
import Testing
import WebhookModel

@testable import Delivery

@Suite struct OAuthTests {
    static func oauthWebhook(
        _ receiver: Receiver, endpoint: TokenEndpoint, secret: String? = nil
    ) -> (Webhook, [String: String]) {
        let auth = Auth.oauth2(
            OAuth2ClientCredentials(
                tokenURL: receiver.url("/token"), clientID: .literal(endpoint.clientID),
                clientSecret: .reference(SecretRef(.env, "CLIENT_SECRET")), scopes: ["events:write", "x"]))
        // The longest timeout: one attempt here may take four exchanges (token, 401, token, send), each on a fresh
        // connection, on a machine busy with the rest of the suite.
        return (
            DeliveryFixtures.webhook(receiver.url("/protected"), auth: auth, timeout: .seconds(30)),
            ["auth.client_secret": secret ?? endpoint.clientSecret]
        )
    }

    @Test func tokenIsFetchedOnceForConcurrentSendsAndRedacted() async throws {
        let endpoint = TokenEndpoint()
        try await withReceiver(routes: endpoint.install) { receiver in
            let tokens = OAuthTokenCache()
            let sender = try DeliveryFixtures.sender(allow: [receiver.allowTarget], tokens: tokens)
            let (webhook, secrets) = Self.oauthWebhook(receiver, endpoint: endpoint)
            let invocations = await withTaskGroup(of: Invocation.self) { group in
                for i in 0..<5 {
                    group.addTask {
                        await sender.send(DeliveryFixtures.request(webhook, secrets: secrets, eventID: "e\(i)"))
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(invocations.allSatisfy { $0.status == .success }, "\(invocations.map(\.failureReason))")
            #expect(endpoint.issuedCount == 1)
            #expect(await tokens.fetches == 1)
            let form = TokenEndpoint.parseForm(receiver.log.all.first { $0.path == "/token" }?.bodyText ?? "")
            #expect(form["scope"] == "events:write x")
            for invocation in invocations {
                #expect(invocation.requestHeader("Authorization") == "Bearer [redacted]")
                let stored = try DeliveryFixtures.storedText(invocation)
                #expect(!stored.contains("at-1-") && !stored.contains(endpoint.clientSecret))
            }
        }
    }

    @Test func a401RefreshesTheTokenOnceAndRetries() async throws {
        let endpoint = TokenEndpoint()
        try await withReceiver(routes: endpoint.install) { receiver in
            let sender = try DeliveryFixtures.sender(allow: [receiver.allowTarget])
            let (webhook, secrets) = Self.oauthWebhook(receiver, endpoint: endpoint)
            #expect(await sender.send(DeliveryFixtures.request(webhook, secrets: secrets)).status == .success)
            endpoint.revokeAll()
            let invocation = await sender.send(DeliveryFixtures.request(webhook, secrets: secrets))
            #expect(invocation.status == .success, "\(invocation.failureReason ?? "")")
            #expect(endpoint.issuedCount == 2)
            #expect(receiver.log.count(path: "/protected") == 3)
        }
    }

    @Test func tokenErrorsAreRecorded() async throws {
        let endpoint = TokenEndpoint()
        try await withReceiver(routes: endpoint.install) { receiver in
            let sender = try DeliveryFixtures.sender(allow: [receiver.allowTarget])
            let (webhook, secrets) = Self.oauthWebhook(receiver, endpoint: endpoint, secret: "wrong-secret")
            let invocation = await sender.send(DeliveryFixtures.request(webhook, secrets: secrets))
            #expect(invocation.status == .failure)
            #expect(
                invocation.failureReason
                    == "OAuth token request failed: the token endpoint answered HTTP 401: invalid_client")
            #expect(receiver.log.count(path: "/protected") == 0)
        }
    }

    @Test func tokenURLGoesThroughTheAddressGuard() async throws {
        let sender = try DeliveryFixtures.sender(
            allow: [], resolver: StaticResolver(["hooks.example.com": [IPAddress("93.184.216.34")!]]))
        let auth = Auth.oauth2(
            OAuth2ClientCredentials(
                tokenURL: "https://10.0.0.5/token", clientID: .literal("c"), clientSecret: .literal("s")))
        let attempt = await sender.attempt(
            DeliveryFixtures.request(DeliveryFixtures.webhook("https://hooks.example.com/in", auth: auth)))
        #expect(
            attempt.invocation.failureReason
                == "OAuth token request failed: token_url: target 10.0.0.5 is a private address")
        #expect(attempt.failure?.isRetryable == false, "a refused token endpoint stays refused: not retried")
    }

    @Test func cachedTokenIsReusedUntilShortlyBeforeExpiry() async {
        let cache = OAuthTokenCache()
        let key = OAuthTokenCache.Key(tokenURL: "https://t.example.com", clientID: "c", scopes: [], audience: nil)
        let start = Date(timeIntervalSince1970: 1_000)
        let response = Array(#"{"access_token":"A","expires_in":600,"token_type":"bearer"}"#.utf8)
        let fetch: @Sendable () async -> Result<OAuthTokenCache.Token, DeliveryFailure> = {
            OAuthTokenResponse.parse(response, status: 200, now: start)
        }
        _ = await cache.token(for: key, now: start, fetch: fetch)
        _ = await cache.token(for: key, now: start.addingTimeInterval(569), fetch: fetch)
        #expect(await cache.fetches == 1)
        _ = await cache.token(for: key, now: start.addingTimeInterval(571), fetch: fetch)
        #expect(await cache.fetches == 2)
    }

    /// An `expires_in` that is no number of seconds is as if unsaid; one beyond a day is believed for a day.
    @Test(arguments: [
        (#""inf""#, 86_400.0), ("1e308", 86_400), (#""nan""#, 300), ("-5", 300), ("0", 300), (#""120""#, 120),
    ])
    func anUnreasonableLifetimeIsBounded(expiresIn: String, lifetime: Double) throws {
        let now = Date(timeIntervalSince1970: 1_000)
        let body = Array(#"{"access_token":"A","expires_in":\#(expiresIn)}"#.utf8)
        let token = try OAuthTokenResponse.parse(body, status: 200, now: now).get()
        let margin = min(OAuthTokenCache.refreshMargin, lifetime / 2)
        #expect(token.usableUntil == now.addingTimeInterval(lifetime - margin))
    }

    /// A send that joins a token fetch under way waits for it no longer than its own attempt's deadline; the fetch
    /// goes on, and its token is kept for the sends after.
    @Test func aSendJoiningASlowFetchWaitsNoLongerThanItsOwnDeadline() async throws {
        let cache = OAuthTokenCache()
        let key = OAuthTokenCache.Key(tokenURL: "https://t.example.com", clientID: "c", scopes: [], audience: nil)
        let start = Date(timeIntervalSince1970: 1_000)
        let response = Array(#"{"access_token":"A","expires_in":600,"token_type":"bearer"}"#.utf8)
        let fetch: @Sendable () async -> Result<OAuthTokenCache.Token, DeliveryFailure> = {
            try? await Task.sleep(for: .seconds(2))
            return OAuthTokenResponse.parse(response, status: 200, now: start)
        }
        let first = Task { await cache.token(for: key, now: start, fetch: fetch) }
        try await eventually("the fetch began") { await cache.fetches == 1 }
        let joined = await cache.token(
            for: key, now: start, deadline: SendDeadline(timeout: .milliseconds(100)), fetch: fetch)
        guard case .failure(let failure) = joined else {
            Issue.record("the joining send waited for the whole fetch")
            return
        }
        #expect(
            failure.description.contains("https://t.example.com: no token before the attempt's 100ms timeout ran out"),
            "\(failure)")
        #expect(try await first.value.get().accessToken == "A")
        #expect(try await cache.token(for: key, now: start, fetch: fetch).get().accessToken == "A")
        #expect(await cache.fetches == 1, "one fetch for all three")
    }
}
