import JSON
import Store
import Synchronization
import WebhookModel

/// What a send needs that many deliveries share, made once: each webhook version unsealed once (not once per
/// delivery: opening its secrets and rebuilding the webhook), and each event's JSON parsed once for all the webhooks
/// it fans out to. Both are kept for the deliveries claimed after, up to a bound; a webhook version is found by its
/// whole stored form, so a changed webhook is never sent as an older one.
final class PreparedDeliveries: Sendable {
    private struct State {
        var webhooks: [StoredWebhook: Webhook] = [:]
        var events: [String: JSONValue] = [:]
    }

    /// Unsealed webhook versions and parsed events kept; past that, the kept ones are dropped and made again as
    /// needed. Deliveries of one event are claimed together and at most `--concurrency` (256) are claimed at once,
    /// so 256 events cover what is in flight while keeping the memory small (a few MiB of parsed events).
    static let maxWebhooks = 256
    static let maxEvents = 256

    private let key: StoreKey
    private let state = Mutex(State())

    init(key: StoreKey) { self.key = key }

    /// The webhook as delivered: `stored` with its sealed values opened.
    func webhook(_ stored: StoredWebhook) throws(StoreError) -> Webhook {
        if let known = state.withLock({ $0.webhooks[stored] }) { return known }
        let webhook = try stored.unsealed(with: key)
        state.withLock { state in
            if state.webhooks.count >= Self.maxWebhooks { state.webhooks.removeAll(keepingCapacity: true) }
            state.webhooks[stored] = webhook
        }
        return webhook
    }

    /// The event's JSON, parsed from its payload (an event's id names one payload for good).
    func event(_ event: AcceptedEvent) throws(JSONParseError) -> JSONValue {
        if let known = state.withLock({ $0.events[event.id] }) { return known }
        let value = try JSONValue(parsing: event.payload)
        state.withLock { state in
            if state.events.count >= Self.maxEvents { state.events.removeAll(keepingCapacity: true) }
            state.events[event.id] = value
        }
        return value
    }
}
