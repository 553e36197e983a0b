import Delivery
import Foundation
import TestSupport
import Testing

@Suite("Verifying Standard Webhooks signatures")
struct VerifierTests {
    static let secret = "whsec_" + Data(repeating: 5, count: 32).base64EncodedString()
    static let body = Array(#"{"type":"AccessRequestCreated"}"#.utf8)

    /// A signature made by PyPI's `standardwebhooks` (an implementation no one here wrote) for `body` at `timestamp`.
    static func pythonSignature(id: String, timestamp: Int64, body: [UInt8]) async throws -> String {
        let script = """
            import sys, datetime
            from standardwebhooks.webhooks import Webhook
            at = datetime.datetime.fromtimestamp(int(sys.argv[3]), tz=datetime.timezone.utc)
            print(Webhook(sys.argv[1]).sign(sys.argv[2], at, sys.stdin.read()))
            """
        let output = try await Python.run(
            script, arguments: [secret, id, String(timestamp)], input: Data(body), requiring: ["standardwebhooks"])
        try #require(output.status == 0, "\(output.text)")
        return output.text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func acceptsWhatAnIndependentSignerSignsAndRefusesAnyChange() async throws {
        let verifier = try StandardWebhookVerifier(secrets: [Self.secret])
        let now = Date()
        let timestamp = Int64(now.timeIntervalSince1970)
        let signature = try await Self.pythonSignature(id: "msg_1", timestamp: timestamp, body: Self.body)
        func verdict(
            id: String? = "msg_1", timestamp: String? = String(timestamp), signature: String? = signature,
            body: [UInt8] = VerifierTests.body
        ) -> StandardWebhookVerifier.Verdict {
            verifier.verify(id: id, timestamp: timestamp, signature: signature, body: body, now: now)
        }
        #expect(verdict() == .verified)
        #expect(verdict(signature: "v1,bm90IGl0 " + signature) == .verified, "one of several signatures matches")
        var tampered = Self.body
        tampered[tampered.count - 3] ^= 1
        #expect(
            verdict(body: tampered) == .refused("no signature in webhook-signature matches the body under the secret"))
        #expect(verdict(id: "msg_2") != .verified)
        #expect(verdict(timestamp: String(timestamp + 1)) != .verified)
        #expect(verdict(id: nil) == .refused("no webhook-id header"))
        #expect(verdict(signature: "v2,abc") == .refused("webhook-signature has no v1, signature"))
        let old = Int64(now.timeIntervalSince1970) - 600
        let oldSignature = try await Self.pythonSignature(id: "msg_1", timestamp: old, body: Self.body)
        let late = verifier.verify(
            id: "msg_1", timestamp: String(old), signature: oldSignature, body: Self.body, now: now)
        #expect(late == .refused("webhook-timestamp is 600 s away from now; at most 300 s is allowed"))
    }

    @Test func acceptsOurOwnSignerWithEitherRotatingSecret() throws {
        let other = "whsec_" + Data(repeating: 6, count: 32).base64EncodedString()
        let signer = try StandardWebhookSigner(secrets: [other, Self.secret])
        let signature = signer.signature(id: "msg_9", timestamp: 1_700_000_000, body: Self.body)
        let at = Date(timeIntervalSince1970: 1_700_000_010)
        for secret in [Self.secret, other] {
            let verdict = try StandardWebhookVerifier(secrets: [secret]).verify(
                id: "msg_9", timestamp: "1700000000", signature: signature, body: Self.body, now: at)
            #expect(verdict == .verified)
        }
    }
}
