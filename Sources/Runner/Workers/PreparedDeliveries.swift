import JSON
import Store
import Synchronization
import WebhookModel

/// A claimed delivery and what its send needs, made once when it was claimed.
struct ReadyDelivery: Sendable {
    enum Preparation: Sendable {
        /// The webhook as delivered (its sealed values opened) and the event's JSON.
        case send(Webhook, event: JSONValue)
        /// The delivery ends without a send, recorded as a Failure attempt with this reason.
        case end(reason: String)
    }

    let claimed: ClaimedDelivery
    let preparation: Preparation

    var id: String { claimed.delivery.id }
}

/// What a send needs that many deliveries share, made once: each webhook version unsealed once (not once per
/// delivery: opening its secrets and rebuilding the webhook), kept for the deliveries claimed after, up to a bound;
/// and each event's JSON parsed once for the deliveries of one claim, which fans it out to all its webhooks. A
/// webhook version is found by its whole stored form, so a changed webhook is never sent as an older one.
final class PreparedDeliveries: Sendable {
    /// Unsealed webhook versions kept; past that, the kept ones are dropped and made again as needed.
    static let maxWebhooks = 256

    private let key: StoreKey
    private let webhooks = Mutex<[StoredWebhook: Webhook]>([:])

    init(key: StoreKey) { self.key = key }

    /// Each claimed delivery with what its send needs, or why it ends without one: its webhook deleted or disabled
    /// since fan-out, or a version or event that cannot be opened.
    func prepare(_ claimed: [ClaimedDelivery]) -> [ReadyDelivery] {
        var events: [String: Result<JSONValue, JSONParseError>] = [:]
        // The deliveries of one webhook version come in runs: one lookup per run, not per delivery.
        var last: (stored: StoredWebhook, webhook: Result<Webhook, StoreError>)?
        return claimed.map { claimed in
            switch claimed.standing {
            case .deleted: return ReadyDelivery(claimed: claimed, preparation: .end(reason: "webhook deleted"))
            case .disabled: return ReadyDelivery(claimed: claimed, preparation: .end(reason: "webhook disabled"))
            case .live: break
            }
            let webhook: Result<Webhook, StoreError>
            if let last, last.stored == claimed.webhook {
                webhook = last.webhook
            } else {
                webhook = Result { () throws(StoreError) in try self.webhook(claimed.webhook) }
                last = (claimed.webhook, webhook)
            }
            let event =
                events[claimed.event.id]
                ?? Result { () throws(JSONParseError) in try JSONValue(parsing: claimed.event.payload) }
            events[claimed.event.id] = event
            switch (webhook, event) {
            case (.success(let webhook), .success(let event)):
                return ReadyDelivery(claimed: claimed, preparation: .send(webhook, event: event))
            case (.failure(let error), _):
                return ReadyDelivery(
                    claimed: claimed, preparation: .end(reason: "cannot prepare the delivery: \(error)"))
            case (_, .failure(let error)):
                return ReadyDelivery(
                    claimed: claimed, preparation: .end(reason: "cannot prepare the delivery: \(error)"))
            }
        }
    }

    /// The webhook as delivered: `stored` with its sealed values opened.
    func webhook(_ stored: StoredWebhook) throws(StoreError) -> Webhook {
        if let known = webhooks.withLock({ $0[stored] }) { return known }
        let webhook = try stored.unsealed(with: key)
        webhooks.withLock { webhooks in
            if webhooks.count >= Self.maxWebhooks { webhooks.removeAll(keepingCapacity: true) }
            webhooks[stored] = webhook
        }
        return webhook
    }
}
