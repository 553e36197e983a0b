import Foundation
import JSON

/// Reads a token endpoint's JSON answer (RFC 6749 §5.1): `access_token`, optional `expires_in` and `token_type`.
enum OAuthTokenResponse {
    /// Without `expires_in`, a token is reused for this long.
    static let defaultLifetime: TimeInterval = 300
    /// The longest `expires_in` believed: a day (an endpoint answering more, or `"inf"`, has its token fetched
    /// again after a day, rather than kept for ever).
    static let longestLifetime: TimeInterval = 86_400

    static func parse(_ body: [UInt8], status: Int, now: Date) -> Result<OAuthTokenCache.Token, DeliveryFailure> {
        let json = try? JSONValue(parsing: body)
        guard (200..<300).contains(status) else {
            let detail = json?["error"]?.stringValue.map { ": \($0)" } ?? ""
            let description = json?["error_description"]?.stringValue.map { " (\($0))" } ?? ""
            return .failure(.oauth("the token endpoint answered HTTP \(status)\(detail)\(description)"))
        }
        guard let json else { return .failure(.oauth("the token endpoint's answer is not JSON")) }
        guard let token = json["access_token"]?.stringValue, !token.isEmpty else {
            return .failure(.oauth("the token endpoint's answer has no access_token"))
        }
        if let type = json["token_type"]?.stringValue, type.lowercased() != "bearer" {
            return .failure(.oauth("the token endpoint issued a \(type) token; only bearer tokens are supported"))
        }
        let stated = json["expires_in"]?.numberValue ?? json["expires_in"]?.stringValue.flatMap(Double.init)
        // Not a number of seconds ("nan", negative, zero): as if the endpoint had said nothing.
        let lifetime =
            stated.map { $0.isNaN || $0 <= 0 ? defaultLifetime : min($0, longestLifetime) } ?? defaultLifetime
        let margin = min(OAuthTokenCache.refreshMargin, lifetime / 2)
        return .success(
            OAuthTokenCache.Token(accessToken: token, usableUntil: now.addingTimeInterval(lifetime - margin)))
    }
}
