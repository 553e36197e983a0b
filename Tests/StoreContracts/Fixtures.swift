public import Store
public import WebhookModel

/// Small builders for store tests and the contract checks.
public enum Fixtures {
    public static func webhook(_ name: String, url: String = "https://example.com/hook", active: Bool = true) -> Webhook
    {
        Webhook(
            name: name, active: active, method: .post, url: url,
            auth: .bearer(token: .reference(SecretRef(.env, "TOKEN"))),
            triggers: [.created], body: "{\"id\": \"{{data.id}}\"}")
    }

    public static func state(_ name: String, url: String = "https://example.com/hook") -> StoredWebhook {
        StoredWebhook(webhook: webhook(name, url: url), secrets: [:])
    }

    /// A change set against `snapshot` that writes `upserts` (managed by `set`) and deletes `deletes`.
    public static func changes(
        against snapshot: LiveSnapshot, upserts: [StoredWebhook] = [], deletes: [String] = [], set: String = "repo",
        lockID: String? = nil
    ) -> StoreChangeSet {
        var versions: [String: Int64?] = [:]
        for name in upserts.map(\.name) + deletes { versions[name] = snapshot.webhooks[name]?.version }
        return StoreChangeSet(
            expectedLineage: snapshot.lineage, expectedSerial: snapshot.serial, expectedVersions: versions,
            upserts: upserts.map { .init(state: $0, managedBy: set) }, deletes: deletes, lockID: lockID,
            log: ApplyLogEntry(
                actor: "tester", planDigest: "digest", added: upserts.count, changed: 0, deleted: deletes.count))
    }
}
