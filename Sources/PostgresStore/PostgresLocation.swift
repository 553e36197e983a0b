/// Where a PostgreSQL store is and how to reach it, as read from `postgres://user:pass@host:port/db?sslmode=…`.
public struct PostgresLocation: Hashable, Sendable, CustomStringConvertible {
    /// `sslmode`, as libpq names them (`allow` is read as `prefer`, `verify-ca` as `verify-full`).
    public enum TLSMode: String, Hashable, Sendable, CaseIterable {
        case disable
        case prefer
        case require
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var username: String
    /// Never printed: `description` leaves it out.
    public var password: String?
    public var database: String
    public var tls: TLSMode
    /// `sslrootcert`: the CA file `verify-full` trusts (else the system's roots).
    public var rootCertificate: String?

    public init(
        host: String, port: Int = 5432, username: String, password: String? = nil, database: String,
        tls: TLSMode = .prefer, rootCertificate: String? = nil
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.tls = tls
        self.rootCertificate = rootCertificate
    }

    /// The URL without its password, for logs and messages.
    public var description: String {
        let hostText = host.contains(":") ? "[\(host)]" : host
        var text = "postgres://\(username)@\(hostText):\(port)/\(database)"
        var query: [String] = []
        if tls != .prefer { query.append("sslmode=\(tls.rawValue)") }
        if let rootCertificate { query.append("sslrootcert=\(rootCertificate)") }
        if !query.isEmpty { text += "?" + query.joined(separator: "&") }
        return text
    }
}
