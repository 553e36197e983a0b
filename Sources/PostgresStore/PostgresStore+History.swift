public import Foundation
import PostgresNIO
public import Store

extension PostgresStore: InvocationHistoryStore {
    public func record(_ invocation: Invocation) async throws(StoreError) {
        let document = try StoreCoding.encode(invocation)
        try await withConnection { db in try await Self.insert(invocation, document: document, db) }
    }

    /// Writes one invocation whose JSON form is `document` (also the queue's `finish`).
    static func insert(_ invocation: Invocation, document: String, _ db: PostgresConnection) async throws {
        try await SQL.rows(
            db,
            """
            INSERT INTO invocation (id, webhook, trigger, status, started_at, document) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET webhook = excluded.webhook, trigger = excluded.trigger,
                status = excluded.status, started_at = excluded.started_at, document = excluded.document
            """,
            [
                .text(invocation.id), .text(invocation.webhook), .text(invocation.trigger.rawValue),
                .text(invocation.status.rawValue), .double(invocation.startedAt.timeIntervalSince1970),
                .text(document),
            ])
    }

    public func invocations(_ query: InvocationQuery) async throws(StoreError) -> [Invocation] {
        var conditions: [String] = []
        var values: [SQLValue] = []
        if let webhook = query.webhook {
            conditions.append("webhook = ?")
            values.append(.text(webhook))
        }
        if let status = query.status {
            conditions.append("status = ?")
            values.append(.text(status.rawValue))
        }
        if let trigger = query.trigger {
            conditions.append("trigger = ?")
            values.append(.text(trigger.rawValue))
        }
        if let since = query.since {
            conditions.append("started_at >= ?")
            values.append(.double(since.timeIntervalSince1970))
        }
        if let until = query.until {
            conditions.append("started_at < ?")
            values.append(.double(until.timeIntervalSince1970))
        }
        if let before = query.before {
            conditions.append(#"(started_at, id COLLATE "C") < (?, ?)"#)
            values.append(contentsOf: [.double(before.startedAt.timeIntervalSince1970), .text(before.id)])
        }
        values.append(SQLValue(max(0, query.limit)))
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql =
            #"SELECT document FROM invocation \#(filter) ORDER BY started_at DESC, id COLLATE "C" DESC"#
            + " LIMIT ?"
        let arguments = values
        let documents = try await withConnection { db in
            try await SQL.rows(db, sql, arguments).map { try $0.value("document", as: String.self) }
        }
        var result: [Invocation] = []
        for document in documents { result.append(try StoreCoding.decode(Invocation.self, from: document)) }
        return result
    }

    public func invocationSummaries(since: Date) async throws(StoreError) -> [String: InvocationSummary] {
        // The webhooks with history, found by skipping through the webhook index (a recursive query, as PostgreSQL
        // has no skip scan), each one's newest invocation by one seek, and the counts since `since` from the
        // covering index over the window.
        let rows = try await withConnection { db in
            try await SQL.rows(
                db,
                """
                WITH RECURSIVE names (webhook) AS (
                    (SELECT webhook FROM invocation ORDER BY webhook LIMIT 1)
                    UNION ALL
                    SELECT (SELECT i.webhook FROM invocation AS i WHERE i.webhook > names.webhook
                        ORDER BY i.webhook LIMIT 1)
                    FROM names WHERE names.webhook IS NOT NULL
                ), counts AS (
                    SELECT webhook, COUNT(*) FILTER (WHERE status = 'Success') AS successes,
                        COUNT(*) FILTER (WHERE status <> 'Success') AS failures
                    FROM invocation WHERE started_at >= ? GROUP BY webhook
                )
                SELECT names.webhook, last.started_at, last.status,
                    COALESCE(counts.successes, 0)::BIGINT AS successes, COALESCE(counts.failures, 0)::BIGINT AS failures
                FROM names CROSS JOIN LATERAL (
                    SELECT started_at, status FROM invocation WHERE invocation.webhook = names.webhook
                    ORDER BY started_at DESC, id COLLATE "C" DESC LIMIT 1
                ) AS last
                LEFT JOIN counts ON counts.webhook = names.webhook
                WHERE names.webhook IS NOT NULL
                """, [.double(since.timeIntervalSince1970)]
            ).map { row in
                (
                    try row.value("webhook", as: String.self), try row.value("started_at", as: Double.self),
                    try row.value("status", as: String.self), try row.value("successes", as: Int64.self),
                    try row.value("failures", as: Int64.self)
                )
            }
        }
        var summaries: [String: InvocationSummary] = [:]
        for (webhook, startedAt, status, successes, failures) in rows {
            summaries[webhook] = InvocationSummary(
                webhook: webhook, lastStartedAt: Date(timeIntervalSince1970: startedAt),
                lastStatus: Invocation.Status(rawValue: status), successes: Int(successes), failures: Int(failures))
        }
        return summaries
    }

    public func invocation(id: String) async throws(StoreError) -> Invocation? {
        let document = try await withConnection { db in
            try await SQL.row(db, "SELECT document FROM invocation WHERE id = ?", [.text(id)])?
                .value("document", as: String.self)
        }
        guard let document else { return nil }
        return try StoreCoding.decode(Invocation.self, from: document)
    }

    @discardableResult
    public func pruneInvocations(before cutoff: Date, limit: Int) async throws(StoreError) -> Int {
        try await withConnection { db in
            try await SQL.rows(
                db,
                """
                DELETE FROM invocation WHERE id IN (
                    SELECT id FROM invocation WHERE started_at < ? ORDER BY started_at, id COLLATE "C" LIMIT ?)
                RETURNING id
                """, [.double(cutoff.timeIntervalSince1970), SQLValue(max(0, limit))]
            ).count
        }
    }
}
