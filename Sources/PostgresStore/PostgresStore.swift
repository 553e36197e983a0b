import Foundation
import Logging
import NIOSSL
import PostgresNIO
public import ServiceLifecycle
public import Store
import Synchronization

/// The shared store: one PostgreSQL database for many runners and CLIs on many machines.
///
/// The runner runs the store as a `Service` in its `ServiceGroup`: its connection pool lives as long as the runner.
/// Anything else (the CLI's commands) gets a short-lived pool per call, run in a child task of that call, so no task
/// outlives its caller. Migrations run before the first query, under an advisory lock.
public final class PostgresStore: ReconcilerStore, Service {
    let location: PostgresLocation
    let configuration: PostgresClient.Configuration
    /// For calls outside `run`: one connection per call, which fails at once when the server is not there.
    let single: PostgresConnection.Configuration
    let shared: PostgresClient
    let clock: any WallClock
    let keyCheck: String?
    /// Webhook versions as claims and snapshots decoded them.
    let versions = WebhookVersions()
    private let serving = Mutex(false)
    private let ready = Mutex(false)

    /// postgres-nio's own logs stay quiet; hookctl logs what matters itself.
    static let quiet: Logger = {
        var logger = Logger(label: "hookctl.postgres")
        logger.logLevel = .critical
        return logger
    }()

    /// A store at `location`; nothing is connected until the first call (or `run`).
    ///
    /// With `keyCheck`, a new store records it and an existing one must match it (`StoreKey.check`).
    public init(
        location: PostgresLocation, keyCheck: String? = nil, clock: any WallClock = SystemClock(),
        maximumConnections: Int = 20
    ) throws(StoreError) {
        self.location = location
        self.clock = clock
        self.keyCheck = keyCheck
        let tls = try Self.tlsConfiguration(for: location)
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.username, password: location.password,
            database: location.database, tls: Self.clientTLS(location, tls))
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectTimeout = .seconds(5)
        configuration.options.additionalStartupParameters = Self.sessionSettings
        self.configuration = configuration
        var single = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.username, password: location.password,
            database: location.database, tls: try Self.connectionTLS(location, tls))
        single.options.connectTimeout = .seconds(5)
        single.options.additionalStartupParameters = Self.sessionSettings
        self.single = single
        shared = PostgresClient(configuration: configuration, backgroundLogger: Self.quiet)
    }

    /// Settings of every session the store opens. No JIT compilation: every query here reads or writes a few rows
    /// through an index, in a millisecond or so, and PostgreSQL 15 judged the claim's query costly enough to spend
    /// some 40 ms compiling it on every call.
    static let sessionSettings = [("jit", "off")]

    /// The TLS settings `sslmode` asks for; `nil` for `disable`. `prefer` and `require` encrypt without checking
    /// the certificate (as libpq does); `verify-full` checks it and the host name against `sslrootcert` or the
    /// system's roots.
    private static func tlsConfiguration(for location: PostgresLocation) throws(StoreError) -> TLSConfiguration? {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch location.tls {
        case .disable: return nil
        case .prefer, .require: tls.certificateVerification = .none
        case .verifyFull:
            tls.certificateVerification = .fullVerification
            if let path = location.rootCertificate {
                guard FileManager.default.isReadableFile(atPath: path) else {
                    throw .backend("sslrootcert \(path) cannot be read")
                }
                tls.trustRoots = .file(path)
            }
        }
        return tls
    }

    private static func clientTLS(
        _ location: PostgresLocation, _ tls: TLSConfiguration?
    ) -> PostgresClient.Configuration.TLS {
        guard let tls else { return .disable }
        return location.tls == .prefer ? .prefer(tls) : .require(tls)
    }

    private static func connectionTLS(
        _ location: PostgresLocation, _ tls: TLSConfiguration?
    ) throws(StoreError) -> PostgresConnection.Configuration.TLS {
        guard let tls else { return .disable }
        do {
            let context = try NIOSSLContext(configuration: tls)
            return location.tls == .prefer ? .prefer(context) : .require(context)
        } catch {
            throw .backend("the TLS settings for PostgreSQL cannot be used: \(error)")
        }
    }

    /// Runs the connection pool until graceful shutdown or cancellation; meanwhile every call uses it.
    public func run() async throws {
        serving.withLock { $0 = true }
        defer { serving.withLock { $0 = false } }
        await shared.run()
    }

    /// Whether calls go through the running pool (`run` has started and not returned).
    package var isServing: Bool { serving.withLock { $0 } }

    /// Runs `body` on a connection, after the migrations.
    func withConnection<T: Sendable>(
        _ body: @Sendable (PostgresConnection) async throws -> T
    ) async throws(StoreError) -> T {
        do {
            return try await usingConnection { connection in
                try await prepare(connection)
                return try await body(connection)
            }
        } catch {
            throw Self.mapped(error)
        }
    }

    /// Runs `body` in one transaction, after the migrations.
    func transaction<T: Sendable>(
        _ body: @Sendable (PostgresConnection) async throws -> T
    ) async throws(StoreError) -> T {
        do {
            return try await usingConnection { connection in
                try await prepare(connection)
                // BEGIN and COMMIT go through `SQL.rows` too, so none is written to a closed connection.
                try await SQL.rows(connection, "BEGIN")
                do {
                    let value = try await body(connection)
                    try await SQL.rows(connection, "COMMIT")
                    return value
                } catch {
                    if !connection.isClosed { _ = try? await SQL.rows(connection, "ROLLBACK") }
                    throw error
                }
            }
        } catch {
            throw Self.mapped(error)
        }
    }

    /// A connection from the running pool, or one of this call's own, closed when `body` returns.
    private func usingConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        if serving.withLock({ $0 }) { return try await shared.withConnection(body) }
        let connection = try await PostgresConnection.connect(configuration: single, id: 0, logger: Self.quiet)
        do {
            let result = try await body(connection)
            try? await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// Migrates once per store value (every process checks the schema before its first query).
    private func prepare(_ connection: PostgresConnection) async throws {
        if ready.withLock({ $0 }) { return }
        try await migrate(connection)
        ready.withLock { $0 = true }
    }

    /// A driver error as a `StoreError`: the server's message and SQLSTATE, or what failed on the way to it —
    /// never the statement or its parameters.
    static func mapped(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? PostgresTransactionError {
            if let cause = error.closureError ?? error.beginError ?? error.commitError ?? error.rollbackError {
                return mapped(cause)
            }
        }
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
                return .backend("PostgreSQL: \(message)\(state)")
            }
            let cause = error.underlying.map { ": \($0)" } ?? ""
            return .backend("cannot reach PostgreSQL (\(error.code))\(cause)")
        }
        return .backend("cannot reach PostgreSQL: \(error)")
    }
}
