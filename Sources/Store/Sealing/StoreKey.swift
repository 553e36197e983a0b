import Crypto
public import Foundation

/// The store's secret key: seals secret values (AES-GCM), fingerprints them and authenticates saved plans
/// (HMAC-SHA256), each with a subkey of its own.
public struct StoreKey: Sendable {
    private let sealing: SymmetricKey
    private let fingerprinting: SymmetricKey
    private let planAuthentication: SymmetricKey

    /// The key length in bytes.
    public static let byteCount = 32

    /// A key from 32 raw bytes.
    public init(bytes: Data) throws(StoreError) {
        guard bytes.count == Self.byteCount else {
            throw .invalidKey("expected \(Self.byteCount) bytes, got \(bytes.count)")
        }
        let master = SymmetricKey(data: bytes)
        sealing = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: master, info: Data("hookctl secret sealing v1".utf8), outputByteCount: 32)
        fingerprinting = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: master, info: Data("hookctl secret fingerprint v1".utf8), outputByteCount: 32)
        planAuthentication = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: master, info: Data("hookctl plan file v1".utf8), outputByteCount: 32)
    }

    /// A key from its base64 text, as in `HOOKCTL_STORE_KEY` and the key file.
    public init(base64: String) throws(StoreError) {
        let trimmed = base64.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let data = Data(base64Encoded: trimmed) else {
            throw .invalidKey("not base64; make one with `openssl rand -base64 32`")
        }
        try self.init(bytes: data)
    }

    /// A new random key's base64 text.
    public static func generateBase64() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
    }

    /// Encrypts and fingerprints a secret value.
    public func seal(_ value: String) -> SealedSecret {
        // AES-GCM with a random nonce cannot fail for in-memory data of this size.
        let box = try! AES.GCM.seal(Data(value.utf8), using: sealing)
        return SealedSecret(ciphertext: box.combined!.base64EncodedString(), fingerprint: fingerprint(value))
    }

    /// Decrypts a sealed value; fails when it was sealed under another key or was tampered with.
    public func open(_ sealed: SealedSecret) throws(StoreError) -> String {
        guard let data = Data(base64Encoded: sealed.ciphertext),
            let box = try? AES.GCM.SealedBox(combined: data),
            let plain = try? AES.GCM.open(box, using: sealing),
            let text = String(data: plain, encoding: .utf8)
        else { throw .wrongKey }
        return text
    }

    /// The keyed fingerprint of a value: hex HMAC-SHA256, so equal values compare equal without being stored.
    public func fingerprint(_ value: String) -> String {
        Self.hex(HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: fingerprinting))
    }

    /// The authentication tag of a saved plan's bytes (hex HMAC-SHA256): only a holder of the store key can make
    /// one, so `apply` can tell a plan `hookctl plan` wrote from one changed after.
    public func planTag(_ bytes: Data) -> String {
        Self.hex(HMAC<SHA256>.authenticationCode(for: bytes, using: planAuthentication))
    }

    /// Whether `tag` is `planTag(bytes)`, compared in constant time.
    public func isPlanTag(_ tag: String, of bytes: Data) -> Bool {
        guard let code = Self.bytes(fromHex: tag) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: bytes, using: planAuthentication)
    }

    /// A value derived from the key and stored with the database, to detect a wrong key on open.
    public var check: String { fingerprint("hookctl store key check") }

    static func bytes(fromHex text: String) -> Data? {
        let digits = Array(text.utf8)
        guard digits.count.isMultiple(of: 2) else { return nil }
        var out = Data(capacity: digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { return nil }
            out.append(high << 4 | low)
        }
        return out
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
