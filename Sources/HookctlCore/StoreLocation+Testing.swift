import SQLiteStore

extension StoreLocation {
    /// Test support: makes live webhooks unmanaged, as if created outside any set (no command does this).
    package static func markUnmanagedForTesting(_ names: [String], databasePath: String) throws {
        let store = try SQLiteStore(path: databasePath)
        for name in names {
            let quoted = name.replacingOccurrences(of: "'", with: "''")
            try store.executeRaw("UPDATE webhook SET managed_by = NULL WHERE name = '\(quoted)'")
        }
    }
}
