import Foundation
import PostgresStore
import WebhookModel

extension StoreURL {
    /// Reads `postgres://user[:password]@host[:port]/database[?sslmode=…&sslrootcert=…]` (or `postgresql://`).
    /// The password may be written as `${env:NAME}` or `${file:PATH}` (resolved when the store opens); without one,
    /// `PGPASSWORD` is used.
    static func parsePostgres(_ text: String, currentDirectory: String) throws(StoreSelectionError) -> StoreURL {
        // A `${…}` reference in the password is not a valid URL part: take it out before parsing.
        var urlText = text
        var reference: String?
        if let start = text.range(of: ":${"), let end = text[start.upperBound...].range(of: "}@") {
            reference = String(text[text.index(after: start.lowerBound)..<text.index(before: end.upperBound)])
            urlText = String(text[..<start.lowerBound]) + String(text[text.index(before: end.upperBound)...])
        }
        guard let components = URLComponents(string: urlText), let host = components.host, !host.isEmpty else {
            throw .invalidPostgresURL("it names no host")
        }
        guard let user = components.user, !user.isEmpty else { throw .invalidPostgresURL("it names no user") }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw .invalidPostgresURL("it names no database (…/DBNAME)")
        }
        if let port = components.port, !(1...65535).contains(port) {
            throw .invalidPostgresURL("port \(port) is out of range")
        }
        var tls = PostgresLocation.TLSMode.prefer
        var rootCertificate: String?
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                switch item.value ?? "" {
                case "disable": tls = .disable
                case "allow", "prefer": tls = .prefer
                case "require": tls = .require
                case "verify-ca", "verify-full": tls = .verifyFull
                case let other:
                    throw .invalidPostgresURL(
                        "sslmode \"\(other)\" is none of disable, allow, prefer, require, verify-ca, verify-full")
                }
            case "sslrootcert":
                rootCertificate = item.value.map { AbsolutePath.resolve($0, against: currentDirectory) }
            default:
                throw .invalidPostgresURL("unknown parameter \"\(item.name)\"; accepted: sslmode, sslrootcert")
            }
        }
        if let reference, case .failure(let error)? = SecretRef.parse(reference) {
            throw .invalidPostgresURL("its password reference: \(error)")
        }
        return .postgres(
            PostgresLocation(
                host: host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host, port: components.port ?? 5432,
                username: user, password: reference ?? components.password, database: database, tls: tls,
                rootCertificate: rootCertificate))
    }
}

extension PostgresLocation {
    /// This location with its password resolved: a `${env:…}` or `${file:…}` reference read, else the URL's own,
    /// else `PGPASSWORD`.
    func resolvingPassword(
        environment: [String: String], currentDirectory: String
    ) throws(StoreSelectionError) -> PostgresLocation {
        var resolved = self
        guard let text = password else {
            resolved.password = environment["PGPASSWORD"]
            return resolved
        }
        guard case .success(let reference)? = SecretRef.parse(text) else { return resolved }
        let read = { (path: String) in
            FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
        }
        switch reference.resolve(environment: environment, directory: currentDirectory, readFile: read) {
        case .success(let value):
            resolved.password = value
        case .failure(.notSet):
            throw .invalidPostgresURL("its password names \(reference), which is not set")
        case .failure(.empty):
            throw .invalidPostgresURL("its password names \(reference), which is empty")
        case .failure(.unreadable(let path)):
            throw .invalidPostgresURL("its password file \(path) cannot be read")
        }
        return resolved
    }
}
