import Foundation
import SQLiteStore
import Store

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension StoreLocation {
    /// Opens the store and its key: `HOOKCTL_STORE_KEY`, else (for SQLite) a 0600 key file beside the database,
    /// created with the database.
    func open(
        environment: [String: String], clock: any WallClock = SystemClock(), beforeCommit: (@Sendable () -> Void)? = nil
    ) throws(StoreError) -> (store: any ReconcilerStore, key: StoreKey) {
        switch self {
        case .sqlite(let path):
            let key: StoreKey
            if let text = environment["HOOKCTL_STORE_KEY"], !text.isEmpty {
                key = try StoreKey(base64: text)
            } else {
                key = try Self.keyFile(beside: path)
            }
            let store = try SQLiteStore(path: path, keyCheck: key.check, clock: clock, beforeCommit: beforeCommit)
            return (store, key)
        }
    }

    /// The key file for a database path: `state.db` → `state.db.key`.
    static func keyFilePath(_ databasePath: String) -> String { databasePath + ".key" }

    private static func keyFile(beside databasePath: String) throws(StoreError) -> StoreKey {
        let path = keyFilePath(databasePath)
        if let data = FileManager.default.contents(atPath: path) {
            return try StoreKey(base64: String(decoding: data, as: UTF8.self))
        }
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let text = StoreKey.generateBase64() + "\n"
        let fd = createExclusively(path)
        guard fd >= 0 else {
            // Another process created it first: use theirs.
            if let data = FileManager.default.contents(atPath: path) {
                return try StoreKey(base64: String(decoding: data, as: UTF8.self))
            }
            throw .invalidKey("cannot create the key file \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let written = text.withCString { write(fd, $0, strlen($0)) }
        guard written == text.utf8.count else { throw .invalidKey("cannot write the key file \(path)") }
        return try StoreKey(base64: text)
    }
}

/// Creates a file readable and writable by its owner only; fails if it exists.
private func createExclusively(_ path: String) -> Int32 {
    open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
}

extension StoreLocation {
    /// Opens the store chosen by `--store`/`HOOKCTL_STORE`/the default for a command, printing any error.
    static func openForCommand(
        flag: String?, terminal: Terminal, currentDirectory: String
    ) -> (store: any ReconcilerStore, key: StoreKey)? {
        do {
            let location = try resolve(
                flag: flag, environment: terminal.environment, currentDirectory: currentDirectory)
            return try location.open(environment: terminal.environment)
        } catch {
            terminal.err.write("error: \(error)\n")
            return nil
        }
    }
}
