package import Store

extension PostgresStore {
    /// Runs raw SQL statements in one transaction: for tests that tamper with a store behind its back.
    package func executeRaw(_ sql: String) async throws(StoreError) {
        try await transaction { db in try await SQL.execute(db, sql) }
    }
}
