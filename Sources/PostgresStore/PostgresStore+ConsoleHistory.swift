extension PostgresStore {
    /// The console's history page and webhooks table (migration `v3-console-history`): an index per filter
    /// combination ending in the keyset order `(started_at, id)` (ids compared bytewise, `COLLATE "C"`, as every
    /// store orders them), and one on `started_at` that covers `webhook` and `status` for the summaries' counts.
    ///
    /// No rollup table here, unlike SQLite's `v6-console-history`: runners share a PostgreSQL store, and a trigger
    /// that updates one row per webhook and hour from every runner's finishing transaction made those rows hot and
    /// deadlocked concurrent finishes (seen in the three-runner test). The summaries read the indexes instead: each
    /// webhook's newest invocation by one seek per webhook, the counts from the covering index over the window.
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
        CREATE INDEX invocation_counts ON invocation (started_at) INCLUDE (webhook, status)
        """
}
