import Crypto
import Foundation

/// Signs requests the Standard Webhooks way: `v1,` + base64 HMAC-SHA256 of `id.timestamp.body`.
public struct StandardWebhookSigner: Sendable {
    /// The decoded secrets: one, or two while rotating.
    let keys: [SymmetricKey]

    /// Decodes `whsec_`-prefixed (or bare) base64 secrets.
    public init(secrets: [String]) throws(SigningError) {
        var keys: [SymmetricKey] = []
        for (index, secret) in secrets.enumerated() {
            let text = secret.hasPrefix("whsec_") ? String(secret.dropFirst("whsec_".count)) : secret
            guard let bytes = Data(base64Encoded: text), !bytes.isEmpty else {
                throw SigningError("signing secret \(index + 1) is not whsec_ followed by base64")
            }
            keys.append(SymmetricKey(data: bytes))
        }
        guard !keys.isEmpty else { throw SigningError("no signing secret") }
        self.keys = keys
    }

    /// The `webhook-signature` value: one `v1,<base64>` per secret, space-separated.
    public func signature(id: String, timestamp: Int64, body: [UInt8]) -> String {
        var message = Array("\(id).\(timestamp).".utf8)
        message.append(contentsOf: body)
        return keys.map { key in
            "v1," + Data(HMAC<SHA256>.authenticationCode(for: message, using: key)).base64EncodedString()
        }.joined(separator: " ")
    }

    /// The `webhook-id` of one event for one webhook: stable across all retries and redeliveries.
    public static func messageID(webhook: String, eventID: String) -> String {
        let digest = SHA256.hash(data: Array("\(webhook)\u{0}\(eventID)".utf8))
        // Hex by table: `String(format:)` per byte cost more than the hash.
        let hex = Array("0123456789abcdef".utf8)
        var text: [UInt8] = Array("msg_".utf8)
        text.reserveCapacity(4 + 32)
        for byte in digest.prefix(16) {
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// A signing secret that cannot be used.
public struct SigningError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
