public import Foundation
import GRDB
public import Store

extension SQLiteStore {
    public func extendLeases(
        _ deliveryIDs: [String], owner: String, lease: Duration, now: Date
    ) async throws(StoreError) -> Set<String> {
        guard !deliveryIDs.isEmpty else { return [] }
        let expiresAt = now.adding(lease).timeIntervalSince1970
        return try await asyncQueueWrite { db throws(StoreError) in
            try Self.run {
                var kept: Set<String> = []
                // In chunks, under SQLite's limit on bound parameters.
                for start in stride(from: 0, to: deliveryIDs.count, by: 500) {
                    let chunk = Array(deliveryIDs[start..<min(start + 500, deliveryIDs.count)])
                    let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                    let ids = try String.fetchAll(
                        db,
                        sql: """
                            UPDATE delivery SET lease_expires_at = ?
                            WHERE id IN (\(marks)) AND lease_owner = ? AND state = 'pending'
                            RETURNING id
                            """,
                        arguments: StatementArguments(
                            [expiresAt as any DatabaseValueConvertible] + chunk + [owner]))
                    kept.formUnion(ids)
                }
                return Set(deliveryIDs).subtracting(kept)
            }
        }
    }
}
