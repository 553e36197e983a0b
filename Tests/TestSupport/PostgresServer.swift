import Foundation
import Logging
public import PostgresNIO
public import PostgresStore
public import Testing

/// The PostgreSQL server the tests use: `HOOKCTL_TEST_POSTGRES_URL`, a superuser's URL such as
/// `postgres://postgres@127.0.0.1:54329/postgres` (`.ci/run` starts one). Without it the tests are skipped locally;
/// under `CI=true` they run and fail, so CI never passes without PostgreSQL.
public enum PostgresServer {
    static let environment = ProcessInfo.processInfo.environment
    public static let url = environment["HOOKCTL_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    /// Whether the PostgreSQL tests run: a server is given, or CI demands them.
    public static let enabled = url != nil || environment["CI"] == "true"
    public static let skipped: Comment = "set HOOKCTL_TEST_POSTGRES_URL=postgres://USER@HOST:PORT/postgres to run them"

    public struct Missing: Error, CustomStringConvertible {
        public var description: String { "CI=true, but HOOKCTL_TEST_POSTGRES_URL names no PostgreSQL server" }
    }

    /// The server's admin location.
    public static func admin() throws -> PostgresLocation {
        guard let url, let components = URLComponents(string: url), let host = components.host,
            let user = components.user
        else { throw Missing() }
        return PostgresLocation(
            host: host, port: components.port ?? 5432, username: user, password: components.password,
            database: String(components.path.dropFirst()), tls: .disable)
    }

    /// A new, empty database on the server, for one test.
    public static func freshDatabase() async throws -> PostgresLocation {
        var location = try admin()
        let name = "hookctl_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        _ = try await withAdminConnection { connection in
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
        }
        location.database = name
        return location
    }

    static let logger: Logger = {
        var logger = Logger(label: "postgres-tests")
        logger.logLevel = .critical
        return logger
    }()

    public static func withAdminConnection<T: Sendable>(
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        let admin = try admin()
        let connection = try await PostgresConnection.connect(
            configuration: PostgresConnection.Configuration(
                host: admin.host, port: admin.port, username: admin.username, password: admin.password,
                database: admin.database, tls: .disable),
            id: 1, logger: logger)
        do {
            let result = try await body(connection)
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// The URL of a new, empty database (for `--store`).
    public static func freshURL() async throws -> String {
        let location = try await freshDatabase()
        let password = location.password.map { ":\($0)" } ?? ""
        return
            "postgres://\(location.username)\(password)@\(location.host):\(location.port)/\(location.database)?sslmode=disable"
    }
}
