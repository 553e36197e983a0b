import Foundation
import GRDB
import Store

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
        return migrator
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
