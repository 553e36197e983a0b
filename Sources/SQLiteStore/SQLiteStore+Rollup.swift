import GRDB
import Store

/// The console's rollup (`invocation_hourly`, `invocation_last`) for the invocations one transaction inserts,
/// written when they all are: one upsert per webhook and hour and one per webhook, not two per invocation.
///
/// Migration `v7-batched-rollup` dropped the insert trigger that did it per row; deletes (pruning, and the delete
/// before a re-recorded invocation's insert) still go through the delete trigger. An hour is
/// `CAST(started_at / 3600 AS INTEGER)`, which Swift's `Int(startedAt / 3600)` computes alike (the same IEEE
/// division, truncated toward zero), so the rollup and the summary query agree on every boundary.
struct InvocationRollup {
    private struct Hour: Hashable {
        var hour: Int
        var webhook: String
    }

    private struct Last {
        var startedAt: Double
        var id: String
        var status: String
    }

    private var hours: [Hour: (successes: Int, failures: Int)] = [:]
    private var last: [String: Last] = [:]

    mutating func add(_ invocation: Invocation) {
        let startedAt = invocation.startedAt.timeIntervalSince1970
        let success = invocation.status == .success
        let key = Hour(hour: Int(startedAt / 3600), webhook: invocation.webhook)
        let counts = hours[key, default: (0, 0)]
        hours[key] = (counts.successes + (success ? 1 : 0), counts.failures + (success ? 0 : 1))
        let candidate = Last(startedAt: startedAt, id: invocation.id, status: invocation.status.rawValue)
        if let current = last[invocation.webhook],
            (current.startedAt, current.id) >= (candidate.startedAt, candidate.id)
        {
            return
        }
        last[invocation.webhook] = candidate
    }

    /// Adds what was gathered to the rollup tables, inside the transaction that inserted the invocations.
    func write(_ db: Database) throws {
        let hourly = try db.cachedStatement(
            sql: """
                INSERT INTO invocation_hourly (hour, webhook, successes, failures) VALUES (?, ?, ?, ?)
                ON CONFLICT (hour, webhook) DO UPDATE SET successes = successes + excluded.successes,
                    failures = failures + excluded.failures
                """)
        for (key, counts) in hours {
            try hourly.execute(arguments: [key.hour, key.webhook, counts.successes, counts.failures])
        }
        let newest = try db.cachedStatement(
            sql: """
                INSERT INTO invocation_last (webhook, started_at, id, status) VALUES (?, ?, ?, ?)
                ON CONFLICT (webhook) DO UPDATE SET started_at = excluded.started_at, id = excluded.id,
                    status = excluded.status
                WHERE excluded.started_at > invocation_last.started_at
                    OR (excluded.started_at = invocation_last.started_at AND excluded.id > invocation_last.id)
                """)
        for (webhook, entry) in last {
            try newest.execute(arguments: [webhook, entry.startedAt, entry.id, entry.status])
        }
    }
}
