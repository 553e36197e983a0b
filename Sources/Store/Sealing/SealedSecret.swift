/// A resolved secret as stored: AES-GCM ciphertext and a keyed fingerprint to detect changes without the value.
public struct SealedSecret: Hashable, Sendable, Codable {
    /// Base64 of AES-GCM's combined form (nonce, ciphertext, tag).
    public var ciphertext: String
    /// Hex HMAC-SHA256 of the value under the store's fingerprint key; equal values give equal fingerprints.
    public var fingerprint: String

    public init(ciphertext: String, fingerprint: String) {
        self.ciphertext = ciphertext
        self.fingerprint = fingerprint
    }
}
