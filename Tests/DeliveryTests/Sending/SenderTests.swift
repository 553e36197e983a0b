import Foundation
import Store
import TestSupport
import Testing
import WebhookModel

@testable import Delivery

@Suite struct SenderTests {
    @Test(arguments: TransportKind.allCases) func sendsTheRenderedBodyWithDefaultHeadersAndRecordsBothSides(
        _ kind: TransportKind
    ) async throws {
        try await withReceiver(routes: ReceiverRoutes.install) { receiver in
            try await DeliveryFixtures.withSender(kind, allow: [receiver.allowTarget]) { sender in
                let invocation = await sender.send(
                    DeliveryFixtures.request(DeliveryFixtures.webhook(receiver.url("/ok"))))
                #expect(invocation.status == .success, "\(invocation.failureReason ?? "")")
                #expect(invocation.address == "127.0.0.1")
                #expect(invocation.response?.status == 200)
                #expect(String(decoding: invocation.response?.body ?? [], as: UTF8.self) == #"{"received":true}"#)
                let seen = try #require(receiver.log.all.first)
                #expect(seen.method == "POST")
                #expect(seen.body == invocation.request.body)
                #expect(seen.bodyText == #"{"type": "AccessRequestCreated", "request": "AR-123", "who": "User"}"#)
                #expect(seen.headers["content-type"] == "application/json")
                #expect(seen.headers["user-agent"] == "hookctl/\(Sender.version)")
                #expect(seen.headers["host"] == "127.0.0.1:\(receiver.port)")
                #expect(invocation.requestHeader("User-Agent") == "hookctl/\(Sender.version)")
            }
        }
    }

    @Test(arguments: TransportKind.allCases) func ipv6LoopbackReceiverIsReachedWhenAllowed(
        _ kind: TransportKind
    ) async throws {
        try await withReceiver(bind: "::1", routes: ReceiverRoutes.install) { receiver in
            try await DeliveryFixtures.withSender(kind, allow: [receiver.allowTarget]) { sender in
                let invocation = await sender.send(
                    DeliveryFixtures.request(DeliveryFixtures.webhook(receiver.url("/ok"))))
                #expect(invocation.status == .success, "\(invocation.failureReason ?? "")")
                #expect(invocation.address == "::1")
                let refused = try await DeliveryFixtures.sender(allow: []).send(
                    DeliveryFixtures.request(DeliveryFixtures.webhook(receiver.url("/ok"))))
                #expect(refused.failureReason == "scheme http is not allowed; webhooks use https")
            }
        }
    }

    @Test(arguments: TransportKind.allCases) func declaredContentTypeWins(_ kind: TransportKind) async throws {
        try await withReceiver(routes: ReceiverRoutes.install) { receiver in
            try await DeliveryFixtures.withSender(kind, allow: [receiver.allowTarget]) { sender in
                let webhook = DeliveryFixtures.webhook(
                    receiver.url("/ok"), headers: [Header(name: "content-type", value: .literal("text/plain"))])
                _ = await sender.send(DeliveryFixtures.request(webhook))
                #expect(receiver.log.all.first?.headers["content-type"] == "text/plain")
            }
        }
    }

    @Test(arguments: TransportKind.allCases) func nonSuccessStatusIsAFailureWithTheResponseRecorded(
        _ kind: TransportKind
    ) async throws {
        try await withReceiver(routes: ReceiverRoutes.install) { receiver in
            try await DeliveryFixtures.withSender(kind, allow: [receiver.allowTarget]) { sender in
                let invocation = await sender.send(
                    DeliveryFixtures.request(DeliveryFixtures.webhook(receiver.url("/status/500"))))
                #expect(invocation.status == .failure)
                #expect(invocation.failureReason == "HTTP 500 Internal Server Error")
                #expect(invocation.response?.body == Array("boom".utf8))
            }
        }
    }

    @Test func refusedTargetIsRecordedWithoutConnecting() async throws {
        let sender = try DeliveryFixtures.sender(
            allow: [], resolver: StaticResolver(["hooks.example.com": [IPAddress("10.0.0.5")!]]))
        let invocation = await sender.send(
            DeliveryFixtures.request(DeliveryFixtures.webhook("https://hooks.example.com/in")))
        #expect(invocation.status == .failure)
        #expect(invocation.failureReason == "target hooks.example.com resolves to 10.0.0.5, a private address")
        #expect(invocation.address == "10.0.0.5")
        #expect(invocation.response == nil)
    }

    @Test func unresolvedSecretIsAFailureNotACrash() async throws {
        let sender = try DeliveryFixtures.sender(allow: [])
        let webhook = DeliveryFixtures.webhook(
            "https://hooks.example.com/",
            headers: [Header(name: "X-Api-Key", value: .reference(SecretRef(.env, "KEY")))])
        let invocation = await sender.send(DeliveryFixtures.request(webhook))
        #expect(invocation.failureReason == "secret ${env:KEY} (headers.X-Api-Key) was not resolved")
    }
}
