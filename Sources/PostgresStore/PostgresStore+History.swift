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
        let seconds = since.timeIntervalSince1970
        // Whole hours after `since`'s hour from the rollup; `since`'s own hour exactly, from the rows.
        let rows = try await withConnection { db in
            try await SQL.rows(
                db,
                """
                SELECT last.webhook, last.started_at, last.status,
                    COALESCE(counts.successes, 0)::BIGINT AS successes, COALESCE(counts.failures, 0)::BIGINT AS failures
                FROM invocation_last AS last LEFT JOIN (
                    SELECT webhook, SUM(successes) AS successes, SUM(failures) AS failures FROM (
                        SELECT webhook, successes, failures FROM invocation_hourly
                        WHERE hour > floor(?::DOUBLE PRECISION / 3600)::BIGINT
                        UNION ALL
                        SELECT webhook, (status = 'Success')::INT, (status <> 'Success')::INT FROM invocation
                        WHERE started_at >= ? AND started_at < ?::DOUBLE PRECISION + 7200
                            AND floor(started_at / 3600)::BIGINT = floor(?::DOUBLE PRECISION / 3600)::BIGINT
                    ) AS window_counts GROUP BY webhook
                ) AS counts ON counts.webhook = last.webhook
                """, [.double(seconds), .double(seconds), .double(seconds), .double(seconds)]
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
