import Crypto
public import Foundation

/// SHA-256 digests of plans and declarations, as lowercase hex.
public enum ContentDigest {
    public static func sha256(_ data: Data) -> String {
        StoreKey.hex(SHA256.hash(data: data))
    }

    public static func sha256(_ text: String) -> String { sha256(Data(text.utf8)) }
}
