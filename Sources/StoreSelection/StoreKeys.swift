import Foundation
public import Store

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a store's sealing key comes from: `HOOKCTL_STORE_KEY`, else (for SQLite) a 0600 key file beside the
/// database, created with it. A PostgreSQL store needs `HOOKCTL_STORE_KEY`.
public enum StoreKeys {
    /// The environment variable that holds the key (base64).
    public static let environmentVariable = "HOOKCTL_STORE_KEY"

    /// The key for the store at `url`.
    public static func key(for url: StoreURL, environment: [String: String]) throws(StoreSelectionError) -> StoreKey {
        do throws(StoreError) {
            if let text = environment[environmentVariable], !text.isEmpty { return try StoreKey(base64: text) }
            switch url {
            case .sqlite(let path): return try keyFile(beside: path)
            case .postgres:
                throw .invalidKey(
                    "a PostgreSQL store is shared by many machines, so its key cannot live in a file beside it: "
                        + "set \(environmentVariable) (the same base64 key on every machine; make one with "
                        + "openssl rand -base64 32)")
            }
        } catch {
            throw .store(error)
        }
    }

    /// The key file for a database path: `state.db` → `state.db.key`.
    public static func keyFilePath(_ databasePath: String) -> String { databasePath + ".key" }

    static func fileExists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    private static func keyFile(beside databasePath: String) throws(StoreError) -> StoreKey {
        let path = keyFilePath(databasePath)
        if let data = FileManager.default.contents(atPath: path) {
            return try StoreKey(base64: String(decoding: data, as: UTF8.self))
        }
        // A new key is only for a new store: beside a file that is already there (a store made with
        // HOOKCTL_STORE_KEY, a lost key file, or no store at all) it could open nothing, and would litter.
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: databasePath, isDirectory: &isDirectory) {
            if isDirectory.boolValue {
                throw .backend("\(databasePath) is a folder; an SQLite store is a file (e.g. \(databasePath)/state.db)")
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: databasePath)[.size] as? Int) ?? 0
            if size > 0 {
                throw .invalidKey(
                    "\(databasePath) has no key file beside it (\(path)): set \(environmentVariable) to the key it was "
                        + "created with, or put its key file back; if it is not a hookctl store, check --store")
            }
        }
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let text = StoreKey.generateBase64() + "\n"
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
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
