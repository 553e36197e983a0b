public import Foundation
import GRDB
public import Store

extension SQLiteStore: InvocationHistoryStore {
    public func record(_ invocation: Invocation) async throws(StoreError) {
        let document = try StoreCoding.encode(invocation)
        try write { db throws(StoreError) in try Self.run { try Self.insert(invocation, document: document, db) } }
    }

    /// Writes one invocation whose JSON form is `document` (also the queue's `finish`).
    static func insert(_ invocation: Invocation, document: String, _ db: Database) throws {
        try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO invocation (id, webhook, trigger, status, started_at, document)
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
        arguments.append(max(0, query.limit))
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = "SELECT document FROM invocation \(filter) ORDER BY started_at DESC, rowid DESC LIMIT ?"
        let documents = try read { db throws(StoreError) in
            try Self.run { try String.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)) }
        }
        var result: [Invocation] = []
        for document in documents { result.append(try StoreCoding.decode(Invocation.self, from: document)) }
        return result
    }

    public func invocation(id: String) async throws(StoreError) -> Invocation? {
        let document = try read { db throws(StoreError) in
            try Self.run {
                try String.fetchOne(db, sql: "SELECT document FROM invocation WHERE id = ?", arguments: [id])
            }
        }
        guard let document else { return nil }
        return try StoreCoding.decode(Invocation.self, from: document)
    }

    @discardableResult
    public func pruneInvocations(before cutoff: Date, limit: Int) async throws(StoreError) -> Int {
        try write { db throws(StoreError) in
            try Self.run {
                try db.execute(
                    sql: """
                        DELETE FROM invocation WHERE id IN (
                            SELECT id FROM invocation WHERE started_at < ? ORDER BY started_at LIMIT ?)
                        """,
                    arguments: [cutoff.timeIntervalSince1970, max(0, limit)])
                return db.changesCount
            }
        }
    }
}
