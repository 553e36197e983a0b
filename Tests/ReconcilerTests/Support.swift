import Foundation
import Reconciler
import SQLiteStore
import Store
import TestSupport
import WebhookModel

/// Builders shared by the reconciler tests.
enum Support {
    static let key = try! StoreKey(base64: "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")

    static func webhook(_ name: String, url: String = "https://example.com/\("hook")", protect: Bool = false) -> Webhook
    {
        Webhook(
            name: name, method: .post, url: url,
            headers: [Header(name: "Content-Type", value: .literal("application/json"))],
            auth: .bearer(token: .reference(SecretRef(.env, "TOKEN"))), triggers: [.created, .approved],
            body: "{\n  \"id\": \"{{data.id}}\",\n  \"kind\": \"created\"\n}\n", protect: protect)
    }

    static func desired(_ webhook: Webhook, token: String = "token-value") -> DesiredWebhook {
        DesiredWebhook(
            state: StoredWebhook(sealing: webhook, resolved: ["auth.token": token], key: key),
            location: SourceLocation(file: "webhooks.d/\(webhook.name).yaml", line: 1, column: 1))
    }

    static func live(
        _ webhooks: [Webhook], managedBy: String? = "repo", drifted: Set<String> = [], serial: Int64 = 7,
        token: String = "token-value"
    ) -> LiveSnapshot {
        var rows: [String: LiveWebhook] = [:]
        for webhook in webhooks {
            rows[webhook.name] = LiveWebhook(
                state: desired(webhook, token: token).state, managedBy: managedBy, version: 3,
                createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0),
                driftedFields: drifted)
        }
        return LiveSnapshot(lineage: "lineage-1", serial: serial, webhooks: rows)
    }

    /// A SQLite store in `workspace`, which must outlive it.
    static func sqlite(in workspace: Workspace, clock: ManualClock = ManualClock()) throws -> SQLiteStore {
        try SQLiteStore(path: workspace.path("\(UUID().uuidString).db"), keyCheck: key.check, clock: clock)
    }
}

extension LiveSnapshot {
    /// The snapshot with two snapshots' rows merged (for mixed ownership).
    func merging(_ other: LiveSnapshot) -> LiveSnapshot {
        var copy = self
        copy.webhooks.merge(other.webhooks) { a, _ in a }
        return copy
    }
}
