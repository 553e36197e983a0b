extension PostgresStore {
    /// The console's history page and webhooks table (migration `v3-console-history`), as in SQLite's
    /// `v6-console-history`: an index per filter combination ending in the keyset order `(started_at, id)` (ids
    /// compared bytewise, `COLLATE "C"`, as every store orders them), and a rollup kept by one trigger on
    /// `invocation` — successes and failures per hour (`floor(started_at / 3600)`, computed only in SQL) and webhook,
    /// and each webhook's newest invocation — right on every insert, update and delete, pruning included.
    static let consoleHistory = """
        DROP INDEX invocation_started_at;
        DROP INDEX invocation_webhook_started_at;
        CREATE INDEX invocation_page ON invocation (started_at, id COLLATE "C");
        CREATE INDEX invocation_page_webhook ON invocation (webhook, started_at, id COLLATE "C");
        CREATE INDEX invocation_page_status ON invocation (status, started_at, id COLLATE "C");
        CREATE INDEX invocation_page_trigger ON invocation (trigger, started_at, id COLLATE "C");
        CREATE INDEX invocation_page_webhook_status ON invocation (webhook, status, started_at, id COLLATE "C");
        CREATE INDEX invocation_page_webhook_trigger ON invocation (webhook, trigger, started_at, id COLLATE "C");
        CREATE INDEX invocation_page_status_trigger ON invocation (status, trigger, started_at, id COLLATE "C");
        CREATE INDEX invocation_page_all ON invocation (webhook, status, trigger, started_at, id COLLATE "C");
        CREATE TABLE invocation_hourly (
            hour BIGINT NOT NULL,
            webhook TEXT NOT NULL,
            successes BIGINT NOT NULL,
            failures BIGINT NOT NULL,
            PRIMARY KEY (hour, webhook)
        );
        CREATE TABLE invocation_last (
            webhook TEXT PRIMARY KEY,
            started_at DOUBLE PRECISION NOT NULL,
            id TEXT NOT NULL,
            status TEXT NOT NULL
        );
        INSERT INTO invocation_hourly (hour, webhook, successes, failures)
            SELECT floor(started_at / 3600)::BIGINT, webhook, COUNT(*) FILTER (WHERE status = 'Success'),
                COUNT(*) FILTER (WHERE status <> 'Success')
            FROM invocation GROUP BY 1, 2;
        INSERT INTO invocation_last (webhook, started_at, id, status)
            SELECT DISTINCT ON (webhook) webhook, started_at, id, status FROM invocation
            ORDER BY webhook, started_at DESC, id COLLATE "C" DESC;
        CREATE FUNCTION invocation_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP IN ('DELETE', 'UPDATE') THEN
                UPDATE invocation_hourly SET successes = successes - (OLD.status = 'Success')::INT,
                    failures = failures - (OLD.status <> 'Success')::INT
                    WHERE hour = floor(OLD.started_at / 3600)::BIGINT AND webhook = OLD.webhook;
                DELETE FROM invocation_hourly
                    WHERE hour = floor(OLD.started_at / 3600)::BIGINT AND webhook = OLD.webhook
                        AND successes = 0 AND failures = 0;
                DELETE FROM invocation_last WHERE webhook = OLD.webhook AND id = OLD.id;
                INSERT INTO invocation_last (webhook, started_at, id, status)
                    SELECT webhook, started_at, id, status FROM invocation WHERE webhook = OLD.webhook
                    ORDER BY started_at DESC, id COLLATE "C" DESC LIMIT 1
                    ON CONFLICT (webhook) DO NOTHING;
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN
                INSERT INTO invocation_hourly (hour, webhook, successes, failures)
                    VALUES (floor(NEW.started_at / 3600)::BIGINT, NEW.webhook, (NEW.status = 'Success')::INT,
                        (NEW.status <> 'Success')::INT)
                    ON CONFLICT (hour, webhook) DO UPDATE
                    SET successes = invocation_hourly.successes + excluded.successes,
                        failures = invocation_hourly.failures + excluded.failures;
                INSERT INTO invocation_last (webhook, started_at, id, status)
                    VALUES (NEW.webhook, NEW.started_at, NEW.id, NEW.status)
                    ON CONFLICT (webhook) DO UPDATE
                    SET started_at = excluded.started_at, id = excluded.id, status = excluded.status
                    WHERE (excluded.started_at, excluded.id COLLATE "C")
                        > (invocation_last.started_at, invocation_last.id COLLATE "C");
            END IF;
            RETURN NULL;
        END
        $$;
        CREATE TRIGGER invocation_rollup AFTER INSERT OR UPDATE OR DELETE ON invocation
            FOR EACH ROW EXECUTE FUNCTION invocation_rollup()
        """
}
