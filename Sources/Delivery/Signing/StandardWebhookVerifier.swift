import Crypto
public import Foundation
import WebhookModel

/// Verifies Standard Webhooks signatures the way a receiver does: the `webhook-signature` header must carry a `v1,`
/// signature of `id.timestamp.body` under one of the secrets, and the timestamp must be recent.
public struct StandardWebhookVerifier: Sendable {
    /// The outcome for one request.
    public enum Verdict: Hashable, Sendable {
        case verified
        /// Why not, in words for the person watching (never a secret).
        case refused(String)
    }

    let signer: StandardWebhookSigner
    /// How far the timestamp may be from now, either way (Standard Webhooks' libraries use 5 minutes).
    public var tolerance: Duration

    public init(secrets: [String], tolerance: Duration = .seconds(300)) throws(SigningError) {
        signer = try StandardWebhookSigner(secrets: secrets)
        self.tolerance = tolerance
    }

    /// Judges a request by its `webhook-id`, `webhook-timestamp` and `webhook-signature` headers (`nil` when
    /// missing) and its body, at `now`.
    public func verify(
        id: String?, timestamp: String?, signature: String?, body: [UInt8], now: Date = Date()
    ) -> Verdict {
        guard let id, !id.isEmpty else { return .refused("no webhook-id header") }
        guard let timestamp else { return .refused("no webhook-timestamp header") }
        guard let signature, !signature.isEmpty else { return .refused("no webhook-signature header") }
        guard let seconds = Int64(timestamp) else {
            return .refused("webhook-timestamp \"\(timestamp.prefix(40))\" is not Unix seconds")
        }
        let skew = abs(now.timeIntervalSince1970 - Double(seconds))
        guard skew <= Double(tolerance.components.seconds) else {
            return .refused(
                "webhook-timestamp is \(Int(skew)) s away from now; at most \(tolerance.components.seconds) s is allowed"
            )
        }
        let expected = Set(signer.signature(id: id, timestamp: seconds, body: body).split(separator: " "))
        let offered = signature.split(separator: " ").filter { $0.hasPrefix("v1,") }
        guard !offered.isEmpty else { return .refused("webhook-signature has no v1, signature") }
        for candidate in offered
        where expected.contains(where: { TokenMatch.equal(given: candidate.utf8, expected: Array($0.utf8)) }) {
            return .verified
        }
        return .refused("no signature in webhook-signature matches the body under the secret")
    }
}
