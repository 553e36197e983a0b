import Foundation
import PostgresNIO
public import Store
import WebhookModel

extension PostgresStore {
    public func snapshot() async throws(StoreError) -> LiveSnapshot {
        try await withConnection { db in try await Self.snapshot(db, versions: versions) }
    }

    public func liveSerial() async throws(StoreError) -> LiveSerial {
        try await withConnection { db in
            let (lineage, serial) = try await Self.identity(db)
            return LiveSerial(lineage: lineage, serial: serial)
        }
    }

    @discardableResult
    public func commit(_ changes: StoreChangeSet) async throws(StoreError) -> Int64 {
        let now = clock.now.date
        return try await transaction { db in
            // The identity row, locked: commits (and enable/disable) from every machine take turns here.
            let (lineage, serial) = try await Self.identity(db, forUpdate: true)
            try changes.checkLock(try await Self.lock(db), now: now)
            var versions: [String: Int64] = [:]
            for name in changes.expectedVersions.keys {
                versions[name] = try await SQL.row(db, "SELECT version FROM webhook WHERE name = ?", [.text(name)])?
                    .value("version", as: Int64.self)
            }
            let stale = changes.staleChanges(lineage: lineage, serial: serial) { versions[$0] }
            guard stale.isEmpty else { throw StoreError.stale(stale) }
            let newSerial = serial + 1
            let at = now.timeIntervalSince1970
            for name in changes.deletes {
                try await SQL.rows(db, "DELETE FROM webhook WHERE name = ?", [.text(name)])
                try await SQL.rows(db, "DELETE FROM failure_run WHERE webhook = ?", [.text(name)])
            }
            for upsert in changes.upserts {
                let document = try StoreCoding.encode(upsert.state)
                let version = try await SQL.row(
                    db,
                    """
                    INSERT INTO webhook (name, document, managed_by, version, created_at, updated_at, drifted)
                    VALUES (?, ?, ?, 1, ?, ?, '')
                    ON CONFLICT (name) DO UPDATE SET document = excluded.document,
                        managed_by = excluded.managed_by, version = webhook.version + 1,
                        updated_at = excluded.updated_at, drifted = '', disabled_reason = NULL
                    RETURNING version
                    """,
                    [.text(upsert.state.name), .text(document), SQLValue(upsert.managedBy), .double(at), .double(at)]
                )?.value("version", as: Int64.self)
                try await Self.recordVersion(
                    db, name: upsert.state.name, version: version ?? 1, document: document,
                    webhook: upsert.state.webhook)
            }
            try await Self.pruneVersions(db)
            try await SQL.rows(db, "UPDATE store_info SET serial = ? WHERE id = 1", [.int(newSerial)])
            let log = changes.log
            try await SQL.rows(
                db,
                """
                INSERT INTO apply_log (applied_at, actor, plan_digest, added, changed, deleted, serial)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .double(at), .text(log.actor), .text(log.planDigest), SQLValue(log.added), SQLValue(log.changed),
                    SQLValue(log.deleted), .int(newSerial),
                ])
            try await Self.notifyConfiguration(db)
            return newSerial
        }
    }

    public func setActive(_ name: String, _ active: Bool) async throws(StoreError) {
        let now = clock.now.date
        try await transaction { db in
            guard try await Self.setActive(name, active, now: now, db) else { throw StoreError.notFound(name) }
        }
    }

    /// Turns a webhook on or off as drift, recording the new version; `false` when there is no such webhook.
    static func setActive(_ name: String, _ active: Bool, now: Date, _ db: PostgresConnection) async throws -> Bool {
        _ = try await identity(db, forUpdate: true)
        guard let row = try await SQL.row(db, "SELECT * FROM webhook WHERE name = ? FOR UPDATE", [.text(name)]) else {
            return false
        }
        var live = try liveWebhook(row)
        live.state.webhook.active = active
        live.driftedFields.insert("active")
        let document = try StoreCoding.encode(live.state)
        try await SQL.rows(
            db,
            """
            UPDATE webhook SET document = ?, version = version + 1, updated_at = ?, drifted = ?, disabled_reason = NULL
            WHERE name = ?
            """,
            [
                .text(document), .double(now.timeIntervalSince1970),
                .text(live.driftedFields.sorted().joined(separator: ",")), .text(name),
            ])
        try await SQL.rows(db, "UPDATE store_info SET serial = serial + 1 WHERE id = 1")
        try await recordVersion(
            db, name: name, version: live.version + 1, document: document, webhook: live.state.webhook)
        try await notifyConfiguration(db)
        return true
    }

    /// Keeps `document` as webhook `name` at `version` and refreshes the columns fan-out selects on.
    static func recordVersion(
        _ db: PostgresConnection, name: String, version: Int64, document: String, webhook: Webhook
    ) async throws {
        let id = try await SQL.row(
            db, "INSERT INTO webhook_version (name, version, document) VALUES (?, ?, ?) RETURNING id",
            [.text(name), .int(version), .text(document)])?.value("id", as: Int64.self)
        try await SQL.rows(
            db, "UPDATE webhook SET active = ?, triggers = ?, ordered = ?, filter = ?, version_id = ? WHERE name = ?",
            [
                .bool(webhook.active), .text(triggerColumn(webhook.triggers)), .bool(webhook.ordered),
                SQLValue(try webhook.filter.map { filter throws in try StoreCoding.encode(filter) }),
                id.map(SQLValue.int) ?? .null, .text(name),
            ])
        // An active version (enabled, or applied) starts a fresh run of failures.
        if webhook.active { try await SQL.rows(db, "DELETE FROM failure_run WHERE webhook = ?", [.text(name)]) }
    }

    /// The `triggers` column: `,Created,Approved,`, so `strpos(triggers, ',Created,')` finds a subscriber.
    static func triggerColumn(_ triggers: [Trigger]) -> String {
        "," + triggers.map(\.rawValue).joined(separator: ",") + ","
    }

    /// Deletes the webhook versions that are neither current nor waited for by a pending delivery.
    static func pruneVersions(_ db: PostgresConnection) async throws {
        try await SQL.rows(
            db,
            """
            DELETE FROM webhook_version v
            WHERE NOT EXISTS (SELECT 1 FROM webhook w WHERE w.version_id = v.id)
                AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.version_id = v.id AND d.state = 'pending')
            """)
    }

    /// Tells listening runners that the configuration changed (delivered when the transaction commits).
    static func notifyConfiguration(_ db: PostgresConnection) async throws {
        try await SQL.rows(db, "SELECT pg_notify('hookctl_configuration', '')")
    }

    static func identity(_ db: PostgresConnection, forUpdate: Bool = false) async throws -> (String, Int64) {
        guard
            let row = try await SQL.row(
                db, "SELECT lineage, serial FROM store_info WHERE id = 1" + (forUpdate ? " FOR UPDATE" : ""))
        else { throw StoreError.backend("store_info is missing; the database is not a hookctl store") }
        return (try row.value("lineage"), try row.value("serial"))
    }

    /// Everything live; with `versions`, each webhook's current version is decoded once and taken from there in
    /// later snapshots (its `webhook_version` row never changes).
    static func snapshot(_ db: PostgresConnection, versions: WebhookVersions? = nil) async throws -> LiveSnapshot {
        let (lineage, serial) = try await identity(db)
        let rows = try await SQL.rows(db, "SELECT * FROM webhook")
        var webhooks: [String: LiveWebhook] = [:]
        webhooks.reserveCapacity(rows.count)
        let decoder = JSONDecoder()
        for row in rows {
            let live = try liveWebhook(row, decoder: decoder, versions: versions)
            webhooks[live.name] = live
        }
        return LiveSnapshot(lineage: lineage, serial: serial, webhooks: webhooks)
    }

    static func liveWebhook(
        _ row: PostgresRandomAccessRow, decoder: JSONDecoder = JSONDecoder(), versions: WebhookVersions? = nil
    ) throws -> LiveWebhook {
        let drifted: String = try row.value("drifted")
        let document: String = try row.value("document")
        let versionID: Int64? = try row.value("version_id")
        let state =
            if let versions, let versionID {
                try versions.version(versionID, document: { document }, using: decoder)
            } else {
                try StoreCoding.decode(StoredWebhook.self, from: document, using: decoder)
            }
        return LiveWebhook(
            state: state,
            managedBy: try row.value("managed_by"), version: try row.value("version"),
            createdAt: Date(timeIntervalSince1970: try row.value("created_at")),
            updatedAt: Date(timeIntervalSince1970: try row.value("updated_at")),
            driftedFields: Set(drifted.split(separator: ",").map(String.init)),
            disabledReason: try row.value("disabled_reason"))
    }
}
