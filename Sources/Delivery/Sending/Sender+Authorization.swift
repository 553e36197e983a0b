import Foundation
import WebhookModel

extension Sender {
    /// Adds authorization, sends, and for OAuth refreshes the token once when the receiver answers 401.
    func sendAuthorized(
        _ outgoing: inout OutgoingRequest, to target: CheckedTarget, request: DeliveryRequest,
        redactor: inout Redactor, deadline: SendDeadline
    ) async throws(DeliveryFailure) -> ReceivedResponse {
        let secrets = request.secrets
        switch request.webhook.auth {
        case .none:
            break
        case .basic(let username, let password):
            let user = try secrets.value(username, at: "auth.username")
            let pass = try secrets.value(password, at: "auth.password")
            let credentials = Data("\(user):\(pass)".utf8).base64EncodedString()
            redactor.add([credentials])
            outgoing.set("Authorization", "Basic \(credentials)")
        case .bearer(let token):
            let secret = try secrets.value(token, at: "auth.token")
            // A token shorter than the redactor's substring length is hidden only where it is a whole value, which
            // "Bearer TOKEN" is not: then the whole value is the secret (recorded as "[redacted]").
            if secret.count < Redactor.minimumSubstringLength { redactor.add(["Bearer \(secret)"]) }
            outgoing.set("Authorization", "Bearer \(secret)")
        case .apiKey(let header, let value):
            outgoing.set(header, try secrets.value(value, at: "auth.value"))
        case .oauth2(let oauth):
            let client = try OAuthClient(oauth, secrets: secrets, sender: self, deadline: deadline)
            let token = try await client.token()
            redactor.add([token.accessToken])
            outgoing.set("Authorization", "Bearer \(token.accessToken)")
            let first = try await transport.perform(outgoing, to: target, deadline: deadline).get()
            guard first.status == 401 else { return first }
            await tokens.invalidate(client.key, accessToken: token.accessToken)
            let fresh = try await client.token()
            redactor.add([fresh.accessToken])
            outgoing.set("Authorization", "Bearer \(fresh.accessToken)")
        }
        return try await transport.perform(outgoing, to: target, deadline: deadline).get()
    }
}
