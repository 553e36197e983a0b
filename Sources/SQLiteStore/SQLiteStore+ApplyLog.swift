import Foundation
import GRDB
public import Store

extension SQLiteStore {
    public func applyLog(limit: Int) async throws(StoreError) -> [ApplyLogEntry] {
        try await asyncRead { db throws(StoreError) in
            try Self.run {
                try Row.fetchAll(db, sql: "SELECT * FROM apply_log ORDER BY id DESC LIMIT ?", arguments: [limit]).map {
                    ApplyLogEntry(
                        appliedAt: Date(timeIntervalSince1970: $0["applied_at"]), actor: $0["actor"],
                        planDigest: $0["plan_digest"], added: $0["added"], changed: $0["changed"],
                        deleted: $0["deleted"], serial: $0["serial"])
                }
            }
        }
    }
}
