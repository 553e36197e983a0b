import Foundation
import GRDB
import Store
import WebhookModel

extension SQLiteStore {
    /// Versioned, forward-only migrations; a new one is appended, an old one is never edited.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-live-state") { db in
            try db.execute(
                sql: """
                    CREATE TABLE store_info (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        lineage TEXT NOT NULL,
                        serial INTEGER NOT NULL,
                        created_at REAL NOT NULL,
                        key_check TEXT
                    );
                    CREATE TABLE webhook (
                        name TEXT PRIMARY KEY,
                        document TEXT NOT NULL,
                        managed_by TEXT,
                        version INTEGER NOT NULL,
                        created_at REAL NOT NULL,
                        updated_at REAL NOT NULL,
                        drifted TEXT NOT NULL DEFAULT ''
                    );
                    CREATE TABLE apply_log (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        applied_at REAL NOT NULL,
                        actor TEXT NOT NULL,
                        plan_digest TEXT NOT NULL,
                        added INTEGER NOT NULL,
                        changed INTEGER NOT NULL,
                        deleted INTEGER NOT NULL,
                        serial INTEGER NOT NULL
                    );
                    CREATE TABLE lease_lock (
                        scope TEXT PRIMARY KEY,
                        lock_id TEXT NOT NULL,
                        owner TEXT NOT NULL,
                        acquired_at REAL NOT NULL,
                        expires_at REAL NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("v2-invocation-history") { db in
            try db.execute(
                sql: """
                    CREATE TABLE invocation (
                        id TEXT PRIMARY KEY,
                        webhook TEXT NOT NULL,
                        trigger TEXT NOT NULL,
                        status TEXT NOT NULL,
                        started_at REAL NOT NULL,
                        document TEXT NOT NULL
                    );
                    CREATE INDEX invocation_started_at ON invocation (started_at);
                    CREATE INDEX invocation_webhook_started_at ON invocation (webhook, started_at);
                    """)
        }
        migrator.registerMigration("v3-delivery-queue") { db in try migrateToDeliveryQueue(db) }
        migrator.registerMigration("v4-ordered-delivery") { db in
            // Every webhook stored before this migration is unordered, as the columns' defaults say.
            try db.execute(
                sql: """
                    ALTER TABLE webhook ADD COLUMN ordered INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE delivery ADD COLUMN ordered_key TEXT;
                    ALTER TABLE delivery ADD COLUMN event_time REAL;
                    CREATE INDEX delivery_ordered ON delivery (webhook, ordered_key, event_time)
                        WHERE ordered_key IS NOT NULL AND state = 'pending';
                    """)
        }
        // The compiled filter as JSON, NULL for a webhook without one, so fan-out reads a filter only for the
        // webhooks that have one and decodes no document. Stores from before filters have none to fill in.
        migrator.registerMigration("v5-webhook-filter") { db in
            try db.execute(sql: "ALTER TABLE webhook ADD COLUMN filter TEXT")
        }
        migrator.registerMigration("v6-console-history") { db in try migrateToConsoleHistory(db) }
        // The rollup of inserted invocations is written once per transaction (`InvocationRollup`), not per row.
        migrator.registerMigration("v7-batched-rollup") { db in
            try db.execute(sql: "DROP TRIGGER invocation_rollup_insert")
        }
        // A claim leaving out a saturated host's webhooks finds the other webhooks' pending deliveries by webhook.
        migrator.registerMigration("v8-pending-by-webhook") { db in
            try db.execute(
                sql: "CREATE INDEX delivery_pending_webhook ON delivery (webhook, lane, due_at) WHERE state = 'pending'"
            )
        }
        // Why the runner disabled a webhook, for `queue` and the console; NULL for every other webhook.
        migrator.registerMigration("v9-disabled-reason") { db in
            try db.execute(sql: "ALTER TABLE webhook ADD COLUMN disabled_reason TEXT")
        }
        return migrator
    }

    /// The delivery queue: events, deliveries, the webhook as at fan-out and failure runs; the webhook's `active`
    /// flag and triggers become columns (filled here for existing rows) so fan-out decodes no document. A delivery's
    /// `version_id` has no foreign key: a version is pruned once no pending delivery needs it, finished ones keep
    /// the id.
    private static func migrateToDeliveryQueue(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE webhook ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
                ALTER TABLE webhook ADD COLUMN triggers TEXT NOT NULL DEFAULT '';
                ALTER TABLE webhook ADD COLUMN version_id INTEGER;
                CREATE TABLE webhook_version (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    document TEXT NOT NULL
                );
                CREATE TABLE event (
                    id TEXT PRIMARY KEY,
                    idempotency_key TEXT NOT NULL UNIQUE,
                    trigger TEXT NOT NULL,
                    access_request_id TEXT NOT NULL,
                    event_time REAL NOT NULL,
                    payload BLOB NOT NULL,
                    received_at REAL NOT NULL,
                    delivery_ids TEXT NOT NULL
                );
                CREATE TABLE delivery (
                    id TEXT PRIMARY KEY,
                    event_id TEXT NOT NULL REFERENCES event (id),
                    webhook TEXT NOT NULL,
                    webhook_version INTEGER NOT NULL,
                    version_id INTEGER NOT NULL,
                    trigger TEXT NOT NULL,
                    state TEXT NOT NULL,
                    lane TEXT NOT NULL,
                    attempts INTEGER NOT NULL,
                    due_at REAL NOT NULL,
                    lease_owner TEXT,
                    lease_expires_at REAL,
                    last_failure TEXT,
                    created_at REAL NOT NULL
                );
                CREATE INDEX delivery_claim ON delivery (state, lane, due_at);
                CREATE INDEX delivery_lease ON delivery (lease_expires_at) WHERE lease_expires_at IS NOT NULL;
                CREATE TABLE failure_run (
                    webhook TEXT PRIMARY KEY,
                    count INTEGER NOT NULL,
                    since REAL NOT NULL
                );
                """)
        let decoder = JSONDecoder()
        for row in try Row.fetchAll(db, sql: "SELECT name, version, document FROM webhook") {
            let name: String = row["name"]
            let document: String = row["document"]
            let webhook = try StoreCoding.decode(StoredWebhook.self, from: document, using: decoder).webhook
            // The statements as they were in this version: later migrations add columns that `recordVersion` fills.
            try db.execute(
                sql: "INSERT INTO webhook_version (name, version, document) VALUES (?, ?, ?)",
                arguments: [name, row["version"], document])
            try db.execute(
                sql: "UPDATE webhook SET active = ?, triggers = ?, version_id = ? WHERE name = ?",
                arguments: [webhook.active, triggerColumn(webhook.triggers), db.lastInsertedRowID, name])
        }
    }

    /// Refuses a store migrated by a newer hookctl, then applies the migrations this one knows and creates the
    /// store's identity on first use.
    func migrate(createdAt: Date) throws(StoreError) {
        let migrator = Self.migrator
        let known = Set(migrator.migrations)
        let applied = try read { db throws(StoreError) in
            try Self.run { try db.tableExists("grdb_migrations") ? try migrator.appliedIdentifiers(db) : [] }
        }
        let unknown = applied.subtracting(known)
        guard unknown.isEmpty else { throw .newerSchema(unknown: unknown.sorted()) }
        try Self.run { try migrator.migrate(pool) }
        try write { db throws(StoreError) in
            try Self.run {
                if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM store_info") == 0 {
                    try db.execute(
                        sql: "INSERT INTO store_info (id, lineage, serial, created_at) VALUES (1, ?, 0, ?)",
                        arguments: [UUID().uuidString.lowercased(), createdAt.timeIntervalSince1970])
                }
            }
        }
    }
}
