import GRDB

extension SQLiteStore {
    /// The console's history page and webhooks table (migration `v6-console-history`).
    ///
    /// - An index per filter combination the history page offers (webhook, status, trigger; time is the range on
    ///   `started_at`), each ending in `(started_at, id)`, the keyset order, so every page is one index range.
    /// - A rollup: successes and failures per webhook and hour (`invocation_hourly`, keyed by hour first so a
    ///   window is one range) and the newest invocation per webhook (`invocation_last`). A trigger takes every
    ///   deleted invocation out of it, pruning included; inserts were added by a trigger too, until
    ///   `v7-batched-rollup` handed them to `InvocationRollup`, once per transaction. `record` deletes before it
    ///   inserts, since `INSERT OR REPLACE` fires no delete trigger.
    ///
    /// An hour is `CAST(started_at / 3600 AS INTEGER)` (in Swift `Int(startedAt / 3600)`, the same division), so the
    /// rollup and the summary query agree on every boundary.
    static func migrateToConsoleHistory(_ db: Database) throws {
        try db.execute(
            sql: """
                DROP INDEX invocation_started_at;
                DROP INDEX invocation_webhook_started_at;
                CREATE INDEX invocation_page ON invocation (started_at, id);
                CREATE INDEX invocation_page_webhook ON invocation (webhook, started_at, id);
                CREATE INDEX invocation_page_status ON invocation (status, started_at, id);
                CREATE INDEX invocation_page_trigger ON invocation (trigger, started_at, id);
                CREATE INDEX invocation_page_webhook_status ON invocation (webhook, status, started_at, id);
                CREATE INDEX invocation_page_webhook_trigger ON invocation (webhook, trigger, started_at, id);
                CREATE INDEX invocation_page_status_trigger ON invocation (status, trigger, started_at, id);
                CREATE INDEX invocation_page_all ON invocation (webhook, status, trigger, started_at, id);
                CREATE TABLE invocation_hourly (
                    hour INTEGER NOT NULL,
                    webhook TEXT NOT NULL,
                    successes INTEGER NOT NULL,
                    failures INTEGER NOT NULL,
                    PRIMARY KEY (hour, webhook)
                ) WITHOUT ROWID;
                CREATE TABLE invocation_last (
                    webhook TEXT PRIMARY KEY,
                    started_at REAL NOT NULL,
                    id TEXT NOT NULL,
                    status TEXT NOT NULL
                ) WITHOUT ROWID;
                INSERT INTO invocation_hourly (hour, webhook, successes, failures)
                    SELECT CAST(started_at / 3600 AS INTEGER), webhook, SUM(status = 'Success'),
                        SUM(status <> 'Success')
                    FROM invocation GROUP BY 1, 2;
                INSERT INTO invocation_last (webhook, started_at, id, status)
                    SELECT webhook, started_at, id, status FROM (
                        SELECT webhook, started_at, id, status, ROW_NUMBER() OVER (
                            PARTITION BY webhook ORDER BY started_at DESC, id DESC) AS rank
                        FROM invocation)
                    WHERE rank = 1;
                CREATE TRIGGER invocation_rollup_insert AFTER INSERT ON invocation BEGIN
                    INSERT INTO invocation_hourly (hour, webhook, successes, failures)
                        VALUES (CAST(new.started_at / 3600 AS INTEGER), new.webhook, new.status = 'Success',
                            new.status <> 'Success')
                        ON CONFLICT (hour, webhook) DO UPDATE SET successes = successes + excluded.successes,
                            failures = failures + excluded.failures;
                    INSERT INTO invocation_last (webhook, started_at, id, status)
                        VALUES (new.webhook, new.started_at, new.id, new.status)
                        ON CONFLICT (webhook) DO UPDATE SET started_at = excluded.started_at, id = excluded.id,
                            status = excluded.status
                        WHERE excluded.started_at > invocation_last.started_at
                            OR (excluded.started_at = invocation_last.started_at AND excluded.id > invocation_last.id);
                END;
                CREATE TRIGGER invocation_rollup_delete AFTER DELETE ON invocation BEGIN
                    UPDATE invocation_hourly SET successes = successes - (old.status = 'Success'),
                        failures = failures - (old.status <> 'Success')
                        WHERE hour = CAST(old.started_at / 3600 AS INTEGER) AND webhook = old.webhook;
                    DELETE FROM invocation_hourly
                        WHERE hour = CAST(old.started_at / 3600 AS INTEGER) AND webhook = old.webhook
                            AND successes = 0 AND failures = 0;
                    DELETE FROM invocation_last WHERE webhook = old.webhook AND id = old.id;
                    INSERT INTO invocation_last (webhook, started_at, id, status)
                        SELECT webhook, started_at, id, status FROM invocation
                        WHERE webhook = old.webhook
                            AND NOT EXISTS (SELECT 1 FROM invocation_last WHERE webhook = old.webhook)
                        ORDER BY started_at DESC, id DESC LIMIT 1;
                END;
                CREATE TRIGGER invocation_rollup_update AFTER UPDATE ON invocation BEGIN
                    SELECT RAISE(ABORT, 'invocations are deleted and inserted, never updated');
                END;
                """)
    }
}
