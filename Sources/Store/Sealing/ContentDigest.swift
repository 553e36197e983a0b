import Crypto
public import Foundation

/// SHA-256 digests of plans and declarations, as lowercase hex.
public enum ContentDigest {
    public static func sha256(_ data: Data) -> String {
        StoreKey.hex(SHA256.hash(data: data))
    }

    public static func sha256(_ text: String) -> String { sha256(Data(text.utf8)) }
}

/// An incremental SHA-256 over text fields, each length-prefixed so field boundaries cannot be confused.
public struct ContentHasher: Sendable {
    private var hasher = SHA256()

    public init() {}

    public mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var count = UInt64(bytes.count).littleEndian
            withUnsafeBytes(of: &count) { hasher.update(bufferPointer: $0) }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(bytes))
        }
    }

    /// The digest as lowercase hex.
    public func finalize() -> String { StoreKey.hex(hasher.finalize()) }
}
