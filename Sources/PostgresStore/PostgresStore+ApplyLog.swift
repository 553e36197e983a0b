import Foundation
import PostgresNIO
public import Store

extension PostgresStore {
    public func applyLog(limit: Int) async throws(StoreError) -> [ApplyLogEntry] {
        try await withConnection { db in
            try await SQL.rows(db, "SELECT * FROM apply_log ORDER BY id DESC LIMIT ?", [SQLValue(limit)]).map {
                ApplyLogEntry(
                    appliedAt: Date(timeIntervalSince1970: try $0.value("applied_at")), actor: try $0.value("actor"),
                    planDigest: try $0.value("plan_digest"), added: try $0.value("added"),
                    changed: try $0.value("changed"), deleted: try $0.value("deleted"), serial: try $0.value("serial"))
            }
        }
    }
}
