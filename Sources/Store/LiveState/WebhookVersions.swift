package import Foundation
import Synchronization

/// Webhook versions decoded from their `webhook_version` documents, by row id: a row is never changed once written
/// (a change of the webhook writes a new row, and ids are never reused), so each is decoded once, not in every claim
/// or snapshot.
package final class WebhookVersions: Sendable {
    /// Versions kept: room for every current version of a few thousand webhooks (a snapshot takes them all) and
    /// the older ones queued deliveries still name. Past that, the kept ones are dropped and decoded again as
    /// needed.
    package static let limit = 4_096

    private let decoded = Mutex<[Int64: StoredWebhook]>([:])

    package init() {}

    /// The version with row id `id`, decoded from `document` unless it was before (then `document` is not called,
    /// so a store can read it only when it is needed).
    package func version(
        _ id: Int64, document: () throws(StoreError) -> String, using decoder: JSONDecoder
    ) throws(StoreError) -> StoredWebhook {
        if let known = decoded.withLock({ $0[id] }) { return known }
        let webhook = try StoreCoding.decode(StoredWebhook.self, from: document(), using: decoder)
        decoded.withLock { versions in
            if versions.count >= Self.limit { versions.removeAll(keepingCapacity: true) }
            versions[id] = webhook
        }
        return webhook
    }
}
