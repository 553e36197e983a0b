import Foundation
import GRDB
public import Store
import WebhookModel

extension SQLiteStore {
    public func snapshot() async throws(StoreError) -> LiveSnapshot {
        try await asyncRead { db throws(StoreError) in try Self.snapshot(db, versions: versions) }
    }

    public func liveSerial() async throws(StoreError) -> LiveSerial {
        try await asyncRead { db throws(StoreError) in
            let (lineage, serial) = try Self.identity(db)
            return LiveSerial(lineage: lineage, serial: serial)
        }
    }

    @discardableResult
    public func commit(_ changes: StoreChangeSet) async throws(StoreError) -> Int64 {
        let now = clock.now.date
        let serial = try await asyncWrite { db throws(StoreError) -> Int64 in
            try changes.checkLock(try Self.lock(db), now: now)
            let (lineage, serial) = try Self.identity(db)
            var versions: [String: Int64] = [:]
            try Self.run {
                for name in changes.expectedVersions.keys {
                    versions[name] = try Int64.fetchOne(
                        db, sql: "SELECT version FROM webhook WHERE name = ?", arguments: [name])
                }
            }
            let stale = changes.staleChanges(lineage: lineage, serial: serial) { versions[$0] }
            guard stale.isEmpty else { throw .stale(stale) }
            let newSerial = serial + 1
            try Self.run {
                for name in changes.deletes {
                    try db.execute(sql: "DELETE FROM webhook WHERE name = ?", arguments: [name])
                    try db.execute(sql: "DELETE FROM failure_run WHERE webhook = ?", arguments: [name])
                }
                for upsert in changes.upserts {
                    let document = try StoreCoding.encode(upsert.state)
                    try db.execute(
                        sql: """
                            INSERT INTO webhook (name, document, managed_by, version, created_at, updated_at, drifted)
                            VALUES (?, ?, ?, 1, ?, ?, '')
                            ON CONFLICT (name) DO UPDATE SET document = excluded.document,
                                managed_by = excluded.managed_by, version = webhook.version + 1,
                                updated_at = excluded.updated_at, drifted = '', disabled_reason = NULL
                            """,
                        arguments: [
                            upsert.state.name, document, upsert.managedBy, now.timeIntervalSince1970,
                            now.timeIntervalSince1970,
                        ])
                    let version = try Int64.fetchOne(
                        db, sql: "SELECT version FROM webhook WHERE name = ?", arguments: [upsert.state.name])
                    try Self.recordVersion(
                        db, name: upsert.state.name, version: version ?? 1, document: document,
                        webhook: upsert.state.webhook)
                }
                try Self.pruneVersions(db)
                try db.execute(sql: "UPDATE store_info SET serial = ? WHERE id = 1", arguments: [newSerial])
                let log = changes.log
                try db.execute(
                    sql: """
                        INSERT INTO apply_log (applied_at, actor, plan_digest, added, changed, deleted, serial)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        now.timeIntervalSince1970, log.actor, log.planDigest, log.added, log.changed, log.deleted,
                        newSerial,
                    ])
            }
            beforeCommit?()
            return newSerial
        }
        // The rows' previous versions stay in the write-ahead log until it is reused: empty it, best effort (it
        // cannot while another process is reading, and then the next commit tries again).
        _ = try? await pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        return serial
    }

    public func setActive(_ name: String, _ active: Bool) async throws(StoreError) {
        let now = clock.now.date
        try await asyncWrite { db throws(StoreError) in
            guard try Self.setActive(name, active, now: now, db) else { throw .notFound(name) }
        }
    }

    /// Turns a webhook on or off as drift, recording the new version and clearing why the runner disabled it (the
    /// runner sets that after); `false` when there is no such webhook.
    static func setActive(_ name: String, _ active: Bool, now: Date, _ db: Database) throws(StoreError) -> Bool {
        guard
            let row = try run({ try Row.fetchOne(db, sql: "SELECT * FROM webhook WHERE name = ?", arguments: [name]) })
        else { return false }
        var live = try liveWebhook(row)
        live.state.webhook.active = active
        live.driftedFields.insert("active")
        let document = try StoreCoding.encode(live.state)
        try run {
            try db.execute(
                sql:
                    """
                    UPDATE webhook SET document = ?, version = version + 1, updated_at = ?, drifted = ?,
                        disabled_reason = NULL
                    WHERE name = ?
                    """,
                arguments: [
                    document, now.timeIntervalSince1970, live.driftedFields.sorted().joined(separator: ","), name,
                ])
            try db.execute(sql: "UPDATE store_info SET serial = serial + 1 WHERE id = 1")
            try recordVersion(
                db, name: name, version: live.version + 1, document: document, webhook: live.state.webhook)
        }
        return true
    }

    /// Keeps `document` as webhook `name` at `version` (queued deliveries are sent as the webhook was at fan-out)
    /// and refreshes the columns fan-out selects on: `active`, the triggers, `ordered`, the current version's row and
    /// the compiled filter. An active version ends the webhook's run of failures: enabled again, or applied anew, it
    /// is not disabled by failures from before.
    static func recordVersion(
        _ db: Database, name: String, version: Int64, document: String, webhook: Webhook
    ) throws {
        try db.execute(
            sql: "INSERT INTO webhook_version (name, version, document) VALUES (?, ?, ?)",
            arguments: [name, version, document])
        try db.execute(
            sql: "UPDATE webhook SET active = ?, triggers = ?, ordered = ?, filter = ?, version_id = ? WHERE name = ?",
            arguments: [
                webhook.active, triggerColumn(webhook.triggers), webhook.ordered,
                try webhook.filter.map { filter throws in try StoreCoding.encode(filter) }, db.lastInsertedRowID, name,
            ])
        // An active version (enabled, or applied) starts a fresh run of failures.
        if webhook.active {
            try db.execute(sql: "DELETE FROM failure_run WHERE webhook = ?", arguments: [name])
        }
    }

    /// The `triggers` column: `,Created,Approved,`, so `instr(triggers, ',Created,')` finds a subscriber.
    static func triggerColumn(_ triggers: [Trigger]) -> String {
        "," + triggers.map(\.rawValue).joined(separator: ",") + ","
    }

    /// Deletes the webhook versions that are neither current nor waited for by a pending delivery.
    static func pruneVersions(_ db: Database) throws {
        try db.execute(
            sql: """
                DELETE FROM webhook_version
                WHERE id NOT IN (SELECT version_id FROM webhook WHERE version_id IS NOT NULL)
                    AND id NOT IN (SELECT version_id FROM delivery WHERE state = 'pending')
                """)
    }

    static func identity(_ db: Database) throws(StoreError) -> (lineage: String, serial: Int64) {
        guard let row = try run({ try Row.fetchOne(db, sql: "SELECT lineage, serial FROM store_info WHERE id = 1") })
        else { throw .backend("store_info is missing; the database is not a hookctl store") }
        return (row["lineage"], row["serial"])
    }

    /// Everything live. A webhook's document is the one of its current `webhook_version` row, which never changes,
    /// so with `versions` each is decoded once and taken from there in later snapshots (a snapshot after an apply
    /// decodes what the apply changed, not every webhook again).
    static func snapshot(_ db: Database, versions: WebhookVersions? = nil) throws(StoreError) -> LiveSnapshot {
        let (lineage, serial) = try identity(db)
        let rows = try run { try Row.fetchAll(db, sql: "SELECT * FROM webhook") }
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
        _ row: Row, decoder: JSONDecoder = JSONDecoder(), versions: WebhookVersions? = nil
    ) throws(StoreError) -> LiveWebhook {
        let drifted: String = row["drifted"]
        let state: StoredWebhook
        if let versions, let versionID = row["version_id"] as Int64? {
            state = try versions.version(versionID, document: { row["document"] }, using: decoder)
        } else {
            state = try StoreCoding.decode(StoredWebhook.self, from: row["document"], using: decoder)
        }
        return LiveWebhook(
            state: state,
            managedBy: row["managed_by"], version: row["version"],
            createdAt: Date(timeIntervalSince1970: row["created_at"]),
            updatedAt: Date(timeIntervalSince1970: row["updated_at"]),
            driftedFields: Set(drifted.split(separator: ",").map(String.init)),
            disabledReason: row["disabled_reason"])
    }
}
