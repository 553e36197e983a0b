import Foundation
import PostgresNIO
import Store

extension PostgresStore {
    /// Versioned, forward-only migrations; a new one is appended, an old one is never edited.
    static let migrations: [(id: String, sql: String)] = [
        (
            "v1-store",
            """
            CREATE TABLE store_info (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                lineage TEXT NOT NULL,
                serial BIGINT NOT NULL,
                created_at DOUBLE PRECISION NOT NULL,
                key_check TEXT
            );
            CREATE TABLE webhook (
                name TEXT PRIMARY KEY,
                document TEXT NOT NULL,
                managed_by TEXT,
                version BIGINT NOT NULL,
                created_at DOUBLE PRECISION NOT NULL,
                updated_at DOUBLE PRECISION NOT NULL,
                drifted TEXT NOT NULL DEFAULT '',
                active BOOLEAN NOT NULL DEFAULT TRUE,
                triggers TEXT NOT NULL DEFAULT '',
                ordered BOOLEAN NOT NULL DEFAULT FALSE,
                version_id BIGINT
            );
            CREATE TABLE apply_log (
                id BIGSERIAL PRIMARY KEY,
                applied_at DOUBLE PRECISION NOT NULL,
                actor TEXT NOT NULL,
                plan_digest TEXT NOT NULL,
                added INTEGER NOT NULL,
                changed INTEGER NOT NULL,
                deleted INTEGER NOT NULL,
                serial BIGINT NOT NULL
            );
            CREATE TABLE lease_lock (
                scope TEXT PRIMARY KEY,
                lock_id TEXT NOT NULL,
                owner TEXT NOT NULL,
                acquired_at DOUBLE PRECISION NOT NULL,
                expires_at DOUBLE PRECISION NOT NULL
            );
            CREATE TABLE invocation (
                seq BIGSERIAL UNIQUE,
                id TEXT PRIMARY KEY,
                webhook TEXT NOT NULL,
                trigger TEXT NOT NULL,
                status TEXT NOT NULL,
                started_at DOUBLE PRECISION NOT NULL,
                document TEXT NOT NULL
            );
            CREATE INDEX invocation_started_at ON invocation (started_at, seq);
            CREATE INDEX invocation_webhook_started_at ON invocation (webhook, started_at, seq);
            CREATE TABLE webhook_version (
                id BIGSERIAL PRIMARY KEY,
                name TEXT NOT NULL,
                version BIGINT NOT NULL,
                document TEXT NOT NULL
            );
            CREATE TABLE event (
                id TEXT PRIMARY KEY,
                idempotency_key TEXT NOT NULL UNIQUE,
                trigger TEXT NOT NULL,
                access_request_id TEXT NOT NULL,
                event_time DOUBLE PRECISION NOT NULL,
                payload BYTEA NOT NULL,
                received_at DOUBLE PRECISION NOT NULL,
                delivery_ids TEXT NOT NULL
            );
            CREATE TABLE delivery (
                seq BIGSERIAL UNIQUE,
                id TEXT PRIMARY KEY,
                event_id TEXT NOT NULL REFERENCES event (id),
                webhook TEXT NOT NULL,
                webhook_version BIGINT NOT NULL,
                version_id BIGINT NOT NULL,
                trigger TEXT NOT NULL,
                state TEXT NOT NULL,
                lane TEXT NOT NULL,
                attempts INTEGER NOT NULL,
                due_at DOUBLE PRECISION NOT NULL,
                lease_owner TEXT,
                lease_expires_at DOUBLE PRECISION,
                last_failure TEXT,
                created_at DOUBLE PRECISION NOT NULL,
                ordered_key TEXT,
                event_time DOUBLE PRECISION
            );
            CREATE INDEX delivery_claim ON delivery (lane, due_at, seq) WHERE state = 'pending';
            CREATE INDEX delivery_lease ON delivery (lease_expires_at) WHERE lease_expires_at IS NOT NULL;
            CREATE INDEX delivery_ordered ON delivery (webhook, ordered_key, event_time)
                WHERE ordered_key IS NOT NULL AND state = 'pending';
            CREATE INDEX delivery_pending_webhook ON delivery (webhook) WHERE state = 'pending';
            CREATE TABLE failure_run (
                webhook TEXT PRIMARY KEY,
                count INTEGER NOT NULL,
                since DOUBLE PRECISION NOT NULL
            )
            """
        ),
        // The compiled filter as JSON, NULL for a webhook without one (fan-out decodes only the filters it needs).
        ("v2-webhook-filter", "ALTER TABLE webhook ADD COLUMN filter TEXT"),
        ("v3-console-history", consoleHistory),
        // A claim that leaves webhooks out takes each other webhook's deliveries in due order from here (`claim`).
        (
            "v4-pending-by-webhook",
            """
            DROP INDEX delivery_pending_webhook;
            CREATE INDEX delivery_pending_webhook ON delivery (webhook, lane, due_at, seq) WHERE state = 'pending'
            """
        ),
        // Why the runner disabled a webhook, for `queue` and the console; NULL for every other webhook.
        ("v5-disabled-reason", "ALTER TABLE webhook ADD COLUMN disabled_reason TEXT"),
    ]

    /// The advisory lock migrations run under, so that two processes starting at once do not race.
    static let migrationLock: Int64 = 0x686F_6F6B_6374_6C00  // "hookctl\0"

    /// Refuses a database migrated by a newer hookctl, applies the migrations this one lacks, creates the store's
    /// identity on first use and checks the sealing key — all in one transaction under the advisory lock.
    func migrate(_ connection: PostgresConnection) async throws {
        let createdAt = clock.now.date.timeIntervalSince1970
        let keyCheck = keyCheck
        try await connection.withTransaction(logger: Self.quiet) { db in
            try await SQL.rows(db, "SELECT pg_advisory_xact_lock(?)", [.int(Self.migrationLock)])
            try await SQL.rows(
                db,
                "CREATE TABLE IF NOT EXISTS hookctl_migration (id TEXT PRIMARY KEY, applied_at DOUBLE PRECISION NOT NULL)"
            )
            let applied = Set(
                try await SQL.rows(db, "SELECT id FROM hookctl_migration").map { try $0.value("id", as: String.self) })
            let unknown = applied.subtracting(Self.migrations.map(\.id))
            guard unknown.isEmpty else { throw StoreError.newerSchema(unknown: unknown.sorted()) }
            for migration in Self.migrations where !applied.contains(migration.id) {
                try await SQL.execute(db, migration.sql)
                try await SQL.rows(
                    db, "INSERT INTO hookctl_migration (id, applied_at) VALUES (?, ?)",
                    [.text(migration.id), .double(createdAt)])
            }
            try await SQL.rows(
                db,
                """
                INSERT INTO store_info (id, lineage, serial, created_at) VALUES (1, ?, 0, ?)
                ON CONFLICT (id) DO NOTHING
                """, [.text(UUID().uuidString.lowercased()), .double(createdAt)])
            guard let keyCheck else { return }
            let stored = try await SQL.row(db, "SELECT key_check FROM store_info WHERE id = 1")?
                .value("key_check", as: String?.self)
            if let stored {
                guard stored == keyCheck else { throw StoreError.wrongKey }
            } else {
                try await SQL.rows(db, "UPDATE store_info SET key_check = ? WHERE id = 1", [.text(keyCheck)])
            }
        }
    }
}
