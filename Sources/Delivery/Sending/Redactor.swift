import Foundation

/// Replaces every secret value with `[redacted]` before anything is stored or printed.
public struct Redactor: Sendable {
    /// Secret texts, longest first so a secret containing another is replaced whole.
    public private(set) var secrets: [String]

    public static let placeholder = "[redacted]"
    /// Shorter secrets are redacted only where they are a whole header value: replacing every "s" in a request
    /// would make it unreadable without hiding anything.
    public static let minimumSubstringLength = 4

    public init(secrets: [String] = []) {
        self.secrets = []
        add(secrets)
    }

    /// Each secret's bytes and what `redact` needs to know of it, worked out once (not on every call, for each of
    /// a request's headers).
    private var needles: [Needle] = []

    private struct Needle: Sendable {
        let text: String
        let bytes: [UInt8]
        /// Long enough to be replaced inside a text (shorter ones only where they are the whole text).
        let substring: Bool
        /// ASCII only: then a text not holding its bytes cannot hold it (an ASCII text has no other canonically
        /// equivalent form), and the byte search settles it without Foundation's slow one.
        let ascii: Bool
    }

    /// Adds secrets, with their percent-encoded forms (as they appear in queries and form bodies) and their
    /// JSON-escaped forms (as a receiver that echoes the request in JSON writes them, `/` also as `\/`).
    public mutating func add(_ texts: [String]) {
        var all = Set(secrets)
        for text in texts where !text.isEmpty {
            all.insert(text)
            if let encoded = text.addingPercentEncoding(withAllowedCharacters: .alphanumerics), encoded != text {
                all.insert(encoded)
            }
            let escaped = text.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"")
            all.insert(escaped)
            all.insert(escaped.replacingOccurrences(of: "/", with: "\\/"))
        }
        secrets = all.sorted { ($0.utf8.count, $0) > ($1.utf8.count, $1) }
        needles = secrets.map { secret in
            Needle(
                text: secret, bytes: Array(secret.utf8), substring: secret.count >= Self.minimumSubstringLength,
                ascii: secret.utf8.allSatisfy { $0 < 0x80 })
        }
    }

    /// `text` with every secret replaced.
    public func redact(_ text: String) -> String {
        guard !needles.isEmpty else { return text }
        if secrets.contains(text) { return Self.placeholder }
        var result = text
        for needle in needles where needle.substring {
            if needle.ascii, !Self.holds(result, needle.bytes) { continue }
            result = result.replacingOccurrences(of: needle.text, with: Self.placeholder)
        }
        return result
    }

    /// Whether `text` holds `needle` anywhere.
    static func holds(_ text: String, _ needle: [UInt8]) -> Bool {
        var text = text
        return text.withUTF8 { haystack in needle.withUnsafeBufferPointer { holds(haystack, $0) } }
    }

    /// Whether `bytes` hold `needle` anywhere (a body usually holds no secret: then it is not copied at all).
    static func holds(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { haystack in needle.withUnsafeBufferPointer { holds(haystack, $0) } }
    }

    static func holds(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count else { return false }
        var i = 0
        while i + needle.count <= haystack.count {
            if haystack[i] == first, memcmp(haystack.baseAddress! + i, needle.baseAddress!, needle.count) == 0 {
                return true
            }
            i += 1
        }
        return false
    }

    /// `bytes` with every secret's UTF-8 bytes replaced.
    public func redact(_ bytes: [UInt8]) -> [UInt8] {
        var result = bytes
        let replacement = Array(Self.placeholder.utf8)
        for needle in needles where needle.substring && Self.holds(result, needle.bytes) {
            let needle = needle.bytes
            var output: [UInt8] = []
            output.reserveCapacity(result.count)
            var i = 0
            while i < result.count {
                if i + needle.count <= result.count, result[i] == needle[0],
                    result[i..<(i + needle.count)].elementsEqual(needle)
                {
                    output += replacement
                    i += needle.count
                } else {
                    output.append(result[i])
                    i += 1
                }
            }
            result = output
        }
        return result
    }
}
