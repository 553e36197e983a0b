public import Foundation
public import Store

extension PostgresStore {
    /// Rows another transaction has locked — this runner's own commit finishing them, as a rule — are skipped, not
    /// waited for: waiting would deadlock with that commit, which locks the same rows in another order. They are not
    /// lost: the plain read that follows sees them still held by `owner` until that commit ends their lease.
    public func extendLeases(
        _ deliveryIDs: [String], owner: String, lease: Duration, now: Date
    ) async throws(StoreError) -> Set<String> {
        guard !deliveryIDs.isEmpty else { return [] }
        let expiresAt = now.adding(lease)
        return try await transaction { db in
            try await SQL.rows(
                db,
                """
                UPDATE delivery SET lease_expires_at = ?
                WHERE id IN (
                    SELECT id FROM delivery WHERE id = ANY(?) AND lease_owner = ? AND state = 'pending'
                    FOR UPDATE SKIP LOCKED)
                """,
                [.double(expiresAt.timeIntervalSince1970), .texts(deliveryIDs), .text(owner)])
            let held = try await SQL.rows(
                db, "SELECT id FROM delivery WHERE id = ANY(?) AND lease_owner = ? AND state = 'pending'",
                [.texts(deliveryIDs), .text(owner)])
            let kept = Set(try held.map { try $0.value("id", as: String.self) })
            return Set(deliveryIDs).subtracting(kept)
        }
    }
}
