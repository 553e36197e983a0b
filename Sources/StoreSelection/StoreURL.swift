public import PostgresStore
import WebhookModel

/// Where the store lives, as `--store URL`, `HOOKCTL_STORE` or the embedded default `.hookctl/state.db` name it.
public enum StoreURL: Hashable, Sendable, CustomStringConvertible {
    /// An SQLite file (absolute path).
    case sqlite(path: String)
    /// A PostgreSQL database, shared by many runners.
    case postgres(PostgresLocation)

    /// The embedded default, relative to the current directory.
    public static let defaultPath = ".hookctl/state.db"

    /// Reads `sqlite:PATH`, `sqlite://PATH` or a bare path (a relative path is resolved against
    /// `currentDirectory`), or `postgres://…` (see `parsePostgres`).
    public static func parse(_ text: String, currentDirectory: String) throws(StoreSelectionError) -> StoreURL {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            return try parsePostgres(text, currentDirectory: currentDirectory)
        }
        var path = text
        if path.hasPrefix("sqlite://") {
            path = String(path.dropFirst("sqlite://".count))
        } else if path.hasPrefix("sqlite:") {
            path = String(path.dropFirst("sqlite:".count))
        } else if let colon = path.firstIndex(of: ":"), path[..<colon].allSatisfy(\.isLetter), path[..<colon].count > 1
        {
            throw .unknownScheme(String(path[..<colon]))
        }
        guard !path.isEmpty else { throw .noPath }
        return .sqlite(path: AbsolutePath.resolve(path, against: currentDirectory))
    }

    /// The store chosen by the flag, else `HOOKCTL_STORE`, else the default.
    public static func resolve(
        flag: String?, environment: [String: String], currentDirectory: String
    ) throws(StoreSelectionError) -> StoreURL {
        if let flag { return try parse(flag, currentDirectory: currentDirectory) }
        if let env = environment[environmentVariable], !env.isEmpty {
            return try parse(env, currentDirectory: currentDirectory)
        }
        return .sqlite(path: AbsolutePath.resolve(defaultPath, against: currentDirectory))
    }

    /// The environment variable that names the store when `--store` is not given.
    public static let environmentVariable = "HOOKCTL_STORE"

    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let location): location.description
        }
    }
}
