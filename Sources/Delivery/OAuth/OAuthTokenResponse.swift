import Foundation
import JSON

/// Reads a token endpoint's JSON answer (RFC 6749 §5.1): `access_token`, optional `expires_in` and `token_type`.
enum OAuthTokenResponse {
    /// Without `expires_in`, a token is reused for this long.
    static let defaultLifetime: TimeInterval = 300

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
        let lifetime =
            json["expires_in"]?.numberValue
            ?? json["expires_in"]?.stringValue.flatMap(Double.init) ?? defaultLifetime
        let margin = min(OAuthTokenCache.refreshMargin, lifetime / 2)
        return .success(
            OAuthTokenCache.Token(accessToken: token, usableUntil: now.addingTimeInterval(lifetime - margin)))
    }
}
