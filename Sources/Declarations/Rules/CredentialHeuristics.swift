import Foundation
import WebhookModel

/// Spots literal values that look like credentials, so review catches secrets committed in plain text.
enum CredentialHeuristics {
    static let schemePrefixes = ["bearer ", "basic ", "token ", "splunk ", "ssws ", "geniekey ", "digest "]
    /// Why `value` looks like a credential ("a bearer token", "a long random token"), or `nil`.
    static func literalCredentialReason(headerName: String?, value: String) -> String? {
        let lower = value.lowercased()
        if let scheme = schemePrefixes.first(where: { lower.hasPrefix($0) }) {
            return "a \(scheme.trimmingSpaces) credential"
        }
        if let headerName, Header.isCredentialName(headerName), !value.isEmpty {
            return "a credential"
        }
        if looksRandom(value) { return "what looks like a random token" }
        return nil
    }

    /// A long, dense string of letters and digits with high entropy: an API key, not a word.
    static func looksRandom(_ value: String) -> Bool {
        let scalars = Array(value.unicodeScalars)
        guard scalars.count >= 24, !scalars.contains(" ") else { return false }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_+/=.".unicodeScalars)
        guard scalars.allSatisfy({ allowed.contains($0) }) else { return false }
        let digits = scalars.filter { ("0"..."9").contains($0) }.count
        let letters = scalars.filter { $0.properties.isAlphabetic }.count
        guard digits >= 3, letters >= 3 else { return false }
        var counts: [Unicode.Scalar: Int] = [:]
        for s in scalars { counts[s, default: 0] += 1 }
        let n = Double(scalars.count)
        let entropy = counts.values.reduce(0.0) { total, c in
            let p = Double(c) / n
            return total - p * log2(p)
        }
        return entropy >= 3.5
    }

    /// A suggested environment variable name for a header: `X-Api-Key` → `X_API_KEY`.
    static func variableName(for headerName: String) -> String {
        String(
            headerName.uppercased().unicodeScalars.map {
                ("A"..."Z").contains($0) || ("0"..."9").contains($0) ? Character($0) : "_"
            })
    }
}
