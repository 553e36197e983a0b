public import Foundation
import GRDB
public import Store

extension SQLiteStore: InvocationHistoryStore {
    public func record(_ invocation: Invocation) async throws(StoreError) {
        let document = try StoreCoding.encode(invocation)
        try await asyncWrite { db throws(StoreError) in
            try Self.run {
                var rollup = InvocationRollup()
                try Self.insert(invocation, document: document, rollup: &rollup, db)
                try rollup.write(db)
            }
        }
    }

    /// Writes one invocation whose JSON form is `document` (also the queue's `finish`), replacing one with its id,
    /// and adds it to `rollup`, which the caller writes before its transaction ends. A delete and an insert rather
    /// than `INSERT OR REPLACE`, so the rollup's delete trigger takes a replaced invocation out.
    static func insert(
        _ invocation: Invocation, document: String, rollup: inout InvocationRollup, _ db: Database
    ) throws {
        rollup.add(invocation)
        try db.cachedStatement(sql: "DELETE FROM invocation WHERE id = ?").execute(arguments: [invocation.id])
        try db.cachedStatement(
            sql: """
                INSERT INTO invocation (id, webhook, trigger, status, started_at, document)
                VALUES (?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            invocation.id, invocation.webhook, invocation.trigger.rawValue, invocation.status.rawValue,
            invocation.startedAt.timeIntervalSince1970, document,
        ])
    }

    public func invocations(_ query: InvocationQuery) async throws(StoreError) -> [Invocation] {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let webhook = query.webhook {
            conditions.append("webhook = ?")
            arguments.append(webhook)
        }
        if let status = query.status {
            conditions.append("status = ?")
            arguments.append(status.rawValue)
        }
        if let trigger = query.trigger {
            conditions.append("trigger = ?")
            arguments.append(trigger.rawValue)
        }
        if let since = query.since {
            conditions.append("started_at >= ?")
            arguments.append(since.timeIntervalSince1970)
        }
        if let until = query.until {
            conditions.append("started_at < ?")
            arguments.append(until.timeIntervalSince1970)
        }
        if let before = query.before {
            // The row value lets SQLite seek the (…, started_at, id) index to the cursor; the bound on started_at
            // alone keeps that seek when the planner does not read the row value as a range.
            conditions.append("started_at <= ? AND (started_at, id) < (?, ?)")
            let seconds = before.startedAt.timeIntervalSince1970
            arguments += [seconds, seconds, before.id] as [any DatabaseValueConvertible]
        }
        arguments.append(max(0, query.limit))
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = "SELECT document FROM invocation \(filter) ORDER BY started_at DESC, id DESC LIMIT ?"
        let values = arguments.map(\.databaseValue)
        let documents = try await asyncRead { db throws(StoreError) in
            try Self.run { try String.fetchAll(db, sql: sql, arguments: StatementArguments(values)) }
        }
        var result: [Invocation] = []
        for document in documents { result.append(try StoreCoding.decode(Invocation.self, from: document)) }
        return result
    }

    public func invocationSummaries(since: Date) async throws(StoreError) -> [String: InvocationSummary] {
        let seconds = since.timeIntervalSince1970
        // Three plain reads in one transaction, merged here (one joined query costs SQLite a temporary index and
        // several times the time): each webhook's last invocation; whole hours after `since`'s hour from the rollup;
        // and `since`'s own hour exactly, from the rows (an index range of at most two hours, narrowed to that hour
        // by the same expression the rollup uses).
        typealias Last = (webhook: String, startedAt: Double, status: String)
        typealias Counts = (webhook: String, successes: Int, failures: Int)
        let (last, counts) = try await asyncRead { db throws(StoreError) -> ([Last], [Counts]) in
            try Self.run {
                func counts(_ rows: [Row]) -> [Counts] {
                    rows.map { (webhook: $0["webhook"], successes: $0["successes"], failures: $0["failures"]) }
                }
                let last = try Row.fetchAll(db, sql: "SELECT webhook, started_at, status FROM invocation_last").map {
                    (webhook: $0["webhook"], startedAt: $0["started_at"], status: $0["status"]) as Last
                }
                let hours = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT webhook, SUM(successes) AS successes, SUM(failures) AS failures
                        FROM invocation_hourly WHERE hour > CAST(?1 / 3600 AS INTEGER) GROUP BY webhook
                        """, arguments: [seconds])
                let partial = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT webhook, SUM(status = 'Success') AS successes, SUM(status <> 'Success') AS failures
                        FROM invocation
                        WHERE started_at >= ?1 AND started_at < ?1 + 7200
                            AND CAST(started_at / 3600 AS INTEGER) = CAST(?1 / 3600 AS INTEGER)
                        GROUP BY webhook
                        """, arguments: [seconds])
                return (last, counts(hours) + counts(partial))
            }
        }
        var summaries: [String: InvocationSummary] = [:]
        for row in last {
            summaries[row.webhook] = InvocationSummary(
                webhook: row.webhook, lastStartedAt: Date(timeIntervalSince1970: row.startedAt),
                lastStatus: Invocation.Status(rawValue: row.status))
        }
        for row in counts where summaries[row.webhook] != nil {
            summaries[row.webhook]?.successes += row.successes
            summaries[row.webhook]?.failures += row.failures
        }
        return summaries
    }

    public func invocation(id: String) async throws(StoreError) -> Invocation? {
        let document = try await asyncRead { db throws(StoreError) in
            try Self.run {
                try String.fetchOne(db, sql: "SELECT document FROM invocation WHERE id = ?", arguments: [id])
            }
        }
        guard let document else { return nil }
        return try StoreCoding.decode(Invocation.self, from: document)
    }

    @discardableResult
    public func pruneInvocations(before cutoff: Date, limit: Int) async throws(StoreError) -> Int {
        try await asyncWrite { db throws(StoreError) in
            try Self.run {
                try db.execute(
                    sql: """
                        DELETE FROM invocation WHERE id IN (
                            SELECT id FROM invocation WHERE started_at < ? ORDER BY started_at, id LIMIT ?)
                        """,
                    arguments: [cutoff.timeIntervalSince1970, max(0, limit)])
                return db.changesCount
            }
        }
    }
}
