public import Store

/// Why a store could not be chosen or opened, phrased for the user. Cases can be added without breaking callers.
public struct StoreSelectionError: Error, Sendable, CustomStringConvertible {
    private enum Kind: Sendable {
        case unknownScheme(String)
        case notYetSupported(scheme: String)
        case noPath
        case invalidPostgresURL(String)
        case noStore(path: String)
        case store(StoreError)
    }

    private let kind: Kind

    private init(_ kind: Kind) { self.kind = kind }

    /// The URL's scheme is none hookctl knows.
    public static func unknownScheme(_ scheme: String) -> StoreSelectionError { .init(.unknownScheme(scheme)) }
    /// A scheme reserved for a backend this hookctl does not have yet.
    public static func notYetSupported(scheme: String) -> StoreSelectionError {
        .init(.notYetSupported(scheme: scheme))
    }
    /// A `postgres://` URL that cannot be used, and why.
    public static func invalidPostgresURL(_ why: String) -> StoreSelectionError { .init(.invalidPostgresURL(why)) }
    /// `sqlite:` with no file.
    public static let noPath = StoreSelectionError(.noPath)
    /// The store does not exist and the command does not create one.
    public static func noStore(path: String) -> StoreSelectionError { .init(.noStore(path: path)) }
    /// The backend failed to open: a bad key, a newer schema, a database error.
    public static func store(_ error: StoreError) -> StoreSelectionError { .init(.store(error)) }

    /// Whether the store simply does not exist yet (commands that only read may treat that as empty).
    public var isMissingStore: Bool {
        if case .noStore = kind { return true }
        return false
    }

    public var description: String {
        switch kind {
        case .unknownScheme(let scheme):
            "unknown store URL scheme \"\(scheme)\"; use sqlite:PATH or postgres://USER@HOST:PORT/DATABASE"
        case .notYetSupported(let scheme):
            "\(scheme) stores are not supported by this hookctl yet; use sqlite:PATH"
        case .invalidPostgresURL(let why):
            "the PostgreSQL store URL cannot be used: \(why); write postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE"
                + "[?sslmode=require]"
        case .noPath:
            "the store URL names no file; use sqlite:PATH"
        case .noStore(let path):
            "no store at \(path); run hookctl apply first"
        case .store(let error):
            error.description
        }
    }
}
