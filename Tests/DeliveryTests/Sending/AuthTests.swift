import Foundation
import Hummingbird
import Store
import TestSupport
import Testing
import WebhookModel

@testable import Delivery

@Suite struct AuthTests {
    @Test func basicBearerAndApiKeyAreSentAndRedacted() async throws {
        try await withReceiver(routes: ReceiverRoutes.install) { receiver in
            let sender = try DeliveryFixtures.sender(allow: [receiver.allowTarget])
            let cases: [(path: String, auth: Auth, secrets: [String: String], secret: String, header: String)] = [
                (
                    "/basic", .basic(username: .literal("ops"), password: .reference(SecretRef(.env, "PW"))),
                    ["auth.password": "s3cr3t-pass"], "s3cr3t-pass", "Authorization"
                ),
                ("/bearer", .bearer(token: .literal("tok-abc-123")), [:], "tok-abc-123", "Authorization"),
                // Shorter than a secret replaced inside a text: the whole "Bearer xq7" is the secret.
                (
                    "/echo-auth", .bearer(token: .reference(SecretRef(.env, "T"))), ["auth.token": "xq7"], "xq7",
                    "Authorization"
                ),
                (
                    "/api-key", .apiKey(header: "DD-API-KEY", value: .reference(SecretRef(.env, "DD"))),
                    ["auth.value": "key-xyz-789"], "key-xyz-789", "DD-API-KEY"
                ),
            ]
            for item in cases {
                let webhook = DeliveryFixtures.webhook(receiver.url(item.path), auth: item.auth)
                let invocation = await sender.send(DeliveryFixtures.request(webhook, secrets: item.secrets))
                #expect(invocation.status == .success, "\(item.path): \(invocation.failureReason ?? "")")
                let stored = try DeliveryFixtures.storedText(invocation)
                #expect(!stored.contains(item.secret), "\(item.path) leaks its secret")
                #expect(invocation.requestHeader(item.header)?.contains("[redacted]") == true)
            }
            let basic = try #require(receiver.log.all.first { $0.path == "/basic" })
            #expect(basic.headers["authorization"] == ReceiverRoutes.basicCredentials)
        }
    }

    @Test func secretsEchoedByTheReceiverAreRedactedInTheResponse() async throws {
        try await withReceiver(routes: ReceiverRoutes.install) { receiver in
            let sender = try DeliveryFixtures.sender(allow: [receiver.allowTarget])
            let webhook = DeliveryFixtures.webhook(
                receiver.url("/echo-auth"), auth: .bearer(token: .reference(SecretRef(.env, "T"))))
            let invocation = await sender.send(DeliveryFixtures.request(webhook, secrets: ["auth.token": "echo-me-42"]))
            #expect(invocation.status == .success)
            #expect(invocation.responseHeader("X-Seen-Authorization") == "Bearer [redacted]")
            #expect(invocation.requestHeader("Authorization") == "Bearer [redacted]")
            #expect(!(try DeliveryFixtures.storedText(invocation)).contains("echo-me-42"))
        }
    }

    /// The runner sends a webhook with its sealed values opened into literals: a basic username and an OAuth client
    /// id are sealed credentials too, and are redacted where a receiver echoes them, as `hookctl test` redacts
    /// them resolved from their references.
    @Test func literalCredentialsAsTheRunnerSendsThemAreRedacted() async throws {
        try await withReceiver(routes: { router, _ in
            router.post("/who") { request, _ -> Response in
                let seen = request.headers[.authorization] ?? ""
                return Response(
                    status: .unauthorized,
                    body: .init(byteBuffer: .init(string: "unknown user svc-jira-bot (\(seen))")))
            }
        }) { receiver in
            let sender = try DeliveryFixtures.sender(allow: [receiver.allowTarget])
            let webhook = DeliveryFixtures.webhook(
                receiver.url("/who"), auth: .basic(username: .literal("svc-jira-bot"), password: .literal("pw-0987654"))
            )
            let invocation = await sender.send(DeliveryFixtures.request(webhook))
            #expect(invocation.status == .failure)
            let stored = try DeliveryFixtures.storedText(invocation)
            #expect(!stored.contains("svc-jira-bot"), "the username is redacted in the response body")
            #expect(!stored.contains("pw-0987654"))
            #expect(invocation.response?.body.isEmpty == false)
        }
    }

    /// The sender keeps a redactor per set of secrets: a secret that changed (a rotated token) is hidden too, and
    /// the one before it still is where it appears.
    @Test func aChangedSecretIsRedactedByTheKeptRedactorsToo() async throws {
        try await withReceiver(routes: ReceiverRoutes.install) { receiver in
            let sender = try DeliveryFixtures.sender(allow: [receiver.allowTarget])
            let webhook = DeliveryFixtures.webhook(
                receiver.url("/echo-auth"), auth: .bearer(token: .reference(SecretRef(.env, "T"))))
            for token in ["first-token-1", "second-token-2", "first-token-1"] {
                let invocation = await sender.send(DeliveryFixtures.request(webhook, secrets: ["auth.token": token]))
                #expect(invocation.status == .success)
                #expect(invocation.requestHeader("Authorization") == "Bearer [redacted]")
                #expect(invocation.responseHeader("X-Seen-Authorization") == "Bearer [redacted]")
                #expect(!(try DeliveryFixtures.storedText(invocation)).contains(token))
            }
            #expect(sender.redactors.count == 2)
        }
    }

    @Test func redactorReplacesEverySecretLongestFirst() {
        let redactor = Redactor(secrets: ["abcd", "abcdefg", "a b c"])
        #expect(redactor.redact("x abcdefg y abcd z") == "x [redacted] y [redacted] z")
        #expect(redactor.redact("q=a%20b%20c") == "q=[redacted]")
        #expect(redactor.redact(Array("..abcd..".utf8)) == Array("..[redacted]..".utf8))
        #expect(redactor.redact(Array("abcdefg".utf8)) == Array("[redacted]".utf8), "the whole body")
        #expect(redactor.redact(Array("xx abc xx".utf8)) == Array("xx abc xx".utf8), "a part of a secret stays")
        #expect(redactor.redact([UInt8]()) == [])
        let short = Redactor(secrets: ["s"])
        #expect(short.redact("s") == "[redacted]")
        #expect(short.redact("this is fine") == "this is fine")
    }
}
