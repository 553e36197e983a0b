import Foundation
import WebhookModel

extension Sender {
    /// Declared headers, `Content-Type`, `User-Agent` and the Standard Webhooks signature headers.
    func prepare(_ outgoing: inout OutgoingRequest, for request: DeliveryRequest) throws(DeliveryFailure) {
        for header in request.webhook.headers {
            outgoing.set(header.name, try request.secrets.value(header.value, at: "headers.\(header.name)"))
        }
        if !outgoing.has("Content-Type") { outgoing.set("Content-Type", "application/json") }
        if !outgoing.has("User-Agent") { outgoing.set("User-Agent", userAgent) }
        guard let signing = request.webhook.signing else { return }
        var secrets: [String] = []
        for (index, secret) in signing.secrets.enumerated() {
            secrets.append(try request.secrets.value(secret, at: "signing.secrets[\(index)]"))
        }
        let signer: StandardWebhookSigner
        do throws(SigningError) {
            signer = try signers.value(secrets) { () throws(SigningError) in
                try StandardWebhookSigner(secrets: secrets)
            }
        } catch {
            throw .signing(error.description)
        }
        let id = StandardWebhookSigner.messageID(webhook: request.webhook.name, eventID: request.eventID)
        let timestamp = Int64(clock.now.date.timeIntervalSince1970)
        outgoing.set("webhook-id", id)
        outgoing.set("webhook-timestamp", String(timestamp))
        outgoing.set("webhook-signature", signer.signature(id: id, timestamp: timestamp, body: outgoing.body))
    }
}
