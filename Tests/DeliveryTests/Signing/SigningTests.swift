import Foundation
import Store
import TestSupport
import Testing
import WebhookModel

@testable import Delivery

@Suite struct SigningTests {
    static let current = "whsec_" + Data((0..<32).map { UInt8($0) }).base64EncodedString()
    static let previous = "whsec_" + Data((0..<24).map { UInt8(200 - $0) }).base64EncodedString()
    static let unrelated = "whsec_" + Data(repeating: 7, count: 32).base64EncodedString()

    static func signingHeaders(_ request: ReceivedRequest) -> [String: String] {
        request.headers.filter { $0.key.hasPrefix("webhook-") }
    }

    @Test func signaturesVerifyWithPyPIStandardWebhooksDuringRotation() async throws {
        try await withReceiver(routes: ReceiverRoutes.install) { receiver in
            let sender = try DeliveryFixtures.sender(allow: [receiver.allowTarget])
            let webhook = DeliveryFixtures.webhook(
                receiver.url("/ok"),
                signing: Signing(secrets: [.reference(SecretRef(.env, "NEW")), .literal(Self.previous)]))
            let invocation = await sender.send(
                DeliveryFixtures.request(webhook, secrets: ["signing.secrets[0]": Self.current]))
            #expect(invocation.status == .success, "\(invocation.failureReason ?? "")")
            let seen = try #require(receiver.log.all.first)
            let headers = Self.signingHeaders(seen)
            #expect(headers["webhook-signature"]?.split(separator: " ").count == 2)
            #expect(
                try await PythonVerifier.verify(secret: Self.current, headers: headers, body: seen.body) == "verified")
            #expect(
                try await PythonVerifier.verify(secret: Self.previous, headers: headers, body: seen.body) == "verified")
            #expect(
                try await PythonVerifier.verify(secret: Self.unrelated, headers: headers, body: seen.body).hasPrefix(
                    "rejected"))
            var tampered = seen.body
            tampered[0] = UInt8(ascii: "[")
            #expect(
                try await PythonVerifier.verify(secret: Self.current, headers: headers, body: tampered).hasPrefix(
                    "rejected"))
            // The signing secrets are never recorded.
            let stored = try DeliveryFixtures.storedText(invocation)
            #expect(!stored.contains(Self.current) && !stored.contains(Self.previous))
        }
    }

    @Test func webhookIDIsStableAcrossAttemptsAndDiffersPerEventAndWebhook() async throws {
        try await withReceiver(routes: ReceiverRoutes.install) { receiver in
            let sender = try DeliveryFixtures.sender(allow: [receiver.allowTarget])
            let webhook = DeliveryFixtures.webhook(
                receiver.url("/ok"), signing: Signing(secrets: [.literal(Self.current)]))
            _ = await sender.send(DeliveryFixtures.request(webhook, eventID: "evt-9", attempt: 1))
            _ = await sender.send(DeliveryFixtures.request(webhook, eventID: "evt-9", attempt: 2))
            _ = await sender.send(DeliveryFixtures.request(webhook, eventID: "evt-10", attempt: 1))
            let ids = receiver.log.all.map { $0.headers["webhook-id"] ?? "" }
            #expect(ids.count == 3)
            #expect(ids[0] == ids[1] && ids[0] != ids[2])
            #expect(ids[0] == StandardWebhookSigner.messageID(webhook: "test-hook", eventID: "evt-9"))
            #expect(StandardWebhookSigner.messageID(webhook: "other", eventID: "evt-9") != ids[0])
            // SHA-256 of "test-hook\0evt-9", its first 16 bytes in hex (the runner benchmark computes it too).
            #expect(ids[0] == "msg_71391d47cf137355a7503fb798651408")
            #expect(receiver.log.all.allSatisfy { Int64($0.headers["webhook-timestamp"] ?? "") != nil })
        }
    }

    @Test func knownVectorFromTheStandardWebhooksSpec() throws {
        // The example from the Standard Webhooks reference implementations' tests.
        let signer = try StandardWebhookSigner(secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])
        let body = Array(#"{"test": 2432232314}"#.utf8)
        #expect(
            signer.signature(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: body)
                == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }

    @Test func badSecretIsARecordedFailure() async throws {
        let sender = try DeliveryFixtures.sender(allow: [])
        let webhook = DeliveryFixtures.webhook(
            "https://hooks.example.com/", signing: Signing(secrets: [.literal("whsec_not base64!")]))
        let invocation = await sender.send(DeliveryFixtures.request(webhook))
        #expect(invocation.failureReason == "cannot sign: signing secret 1 is not whsec_ followed by base64")
    }
}
