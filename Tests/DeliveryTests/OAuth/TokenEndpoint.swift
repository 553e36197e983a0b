import Foundation
import Hummingbird
import NIOCore
import Synchronization
import TestSupport

/// A local OAuth 2.0 token endpoint (client credentials) and a resource that accepts only tokens it issued.
final class TokenEndpoint: Sendable {
    private let state = Mutex<(issued: Int, valid: Set<String>)>((0, []))
    let clientID = "client-1"
    let clientSecret = "client-secret-&=+"

    var issuedCount: Int { state.withLock { $0.issued } }

    /// Makes every issued token invalid, as a server-side rotation would.
    func revokeAll() { state.withLock { $0.valid = [] } }

    func install(_ router: Router<BasicRequestContext>, _ log: ReceiverLog) {
        router.post("/token") { [self] request, _ in
            let form = Self.parseForm(log.all.last { $0.path == "/token" }?.bodyText ?? "")
            guard form["grant_type"] == "client_credentials", form["client_id"] == clientID,
                form["client_secret"] == clientSecret
            else {
                return ReceiverRoutes.text(.unauthorized, #"{"error":"invalid_client"}"#)
            }
            let token = state.withLock { state -> String in
                state.issued += 1
                let token = "at-\(state.issued)-\(form["scope"] ?? "")"
                state.valid.insert(token)
                return token
            }
            return ReceiverRoutes.text(
                .ok, #"{"access_token":"\#(token)","token_type":"Bearer","expires_in":3600}"#)
        }
        router.post("/protected") { [self] request, _ in
            let presented = request.headers[.authorization].map { String($0.dropFirst("Bearer ".count)) } ?? ""
            let ok = state.withLock { $0.valid.contains(presented) }
            return ok ? ReceiverRoutes.text(.ok, "ok") : ReceiverRoutes.text(.unauthorized, "expired")
        }
    }

    static func parseForm(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            if parts.count == 2 { fields[parts[0]] = parts[1] }
        }
        return fields
    }
}
