import Foundation
public import Store

/// Where the store lives: `--store URL`, else `HOOKCTL_STORE`, else `.hookctl/state.db`.
public enum StoreLocation: Hashable, Sendable, CustomStringConvertible {
    /// An SQLite file (absolute path).
    case sqlite(path: String)

    /// The embedded default, relative to the current directory.
    public static let defaultPath = ".hookctl/state.db"

    /// Reads `sqlite:PATH` (or a bare path); `postgres://` is reserved for the PostgreSQL store.
    public static func parse(_ text: String, currentDirectory: String) throws(StoreError) -> StoreLocation {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            throw .unsupportedLocation("PostgreSQL stores are not supported by this hookctl yet; use sqlite:PATH")
        }
        var path = text
        if path.hasPrefix("sqlite://") {
            path = String(path.dropFirst("sqlite://".count))
        } else if path.hasPrefix("sqlite:") {
            path = String(path.dropFirst("sqlite:".count))
        } else if let colon = path.firstIndex(of: ":"), path[..<colon].allSatisfy(\.isLetter), path[..<colon].count > 1
        {
            throw .unsupportedLocation("unknown store URL scheme \"\(path[..<colon])\"; use sqlite:PATH")
        }
        guard !path.isEmpty else { throw .unsupportedLocation("the store URL names no file; use sqlite:PATH") }
        return .sqlite(path: absolute(path, currentDirectory: currentDirectory))
    }

    /// The location chosen by the flag, the environment or the default.
    public static func resolve(
        flag: String?, environment: [String: String], currentDirectory: String
    ) throws(StoreError) -> StoreLocation {
        if let flag { return try parse(flag, currentDirectory: currentDirectory) }
        if let env = environment["HOOKCTL_STORE"], !env.isEmpty {
            return try parse(env, currentDirectory: currentDirectory)
        }
        return .sqlite(path: absolute(defaultPath, currentDirectory: currentDirectory))
    }

    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        }
    }

    static func absolute(_ path: String, currentDirectory: String) -> String {
        path.hasPrefix("/")
            ? path
            : URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: currentDirectory, isDirectory: true))
                .standardizedFileURL.path
    }
}
