import GRDB
package import Store

extension SQLiteStore {
    /// Runs raw SQL in a write transaction: for tests that tamper with a store behind its back.
    package func executeRaw(_ sql: String) throws(StoreError) {
        try write { db throws(StoreError) in try Self.run { try db.execute(sql: sql) } }
    }
}
