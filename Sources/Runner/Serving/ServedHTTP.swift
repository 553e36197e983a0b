public import HummingbirdCore
import HummingbirdTLS
public import Logging
public import NIOCore

/// What every hookctl listener shares (the runner's intake, the console alone): HTTP/1 with a 30 s idle timeout
/// (which also bounds how long a request's head may take), a deadline for each request's body, a bound on open
/// connections, a connection closed after a request that asks for it (`ConnectionPersistence`: HTTP/1.0, `close`),
/// over TLS when given a certificate and key, the bound address as logged, and quiet framework loggers.
public enum ServedHTTP {
    /// The most connections a listener holds open at once, unless told otherwise (`--max-connections`).
    public static let defaultMaxConnections = 1_024

    /// The server, over `tls` when given, else plain HTTP. A connection idle
    /// for `idleTimeout` is closed, and so is one whose request's head has not arrived within it (bytes of an
    /// unfinished head do not count as activity) or whose body has not arrived whole within `bodyTimeout` of its
    /// head. At most `maxConnections` are open at once; more wait to be accepted (`ConnectionLimit`), which is
    /// logged to `logger`, and `opened` is told the open count whenever it changes.
    public static func server(
        tls: ServedTLS?, idleTimeout: TimeAmount = .seconds(30),
        bodyTimeout: TimeAmount = .seconds(30), maxConnections: Int = defaultMaxConnections, logger: Logger,
        opened: @escaping @Sendable (Int) -> Void = { _ in }
    ) throws -> HTTPServerBuilder {
        let limit = ConnectionLimit(limit: maxConnections, logger: logger, opened: opened)
        let http1 = HTTPServerBuilder.http1(
            configuration: .init(
                additionalChannelHandlers: [
                    limit.slot(), RequestBodyDeadline(limit: bodyTimeout), ConnectionPersistence(),
                ],
                idleTimeout: idleTimeout))
        guard let tls else { return http1 }
        return try .tls(http1, tlsConfiguration: tls.configuration)
    }

    /// `host:port` of a bound address, IPv6 in brackets.
    public static func authority(_ address: SocketAddress?) -> String {
        guard let address, let ip = address.ipAddress, let port = address.port else { return "?" }
        return ip.contains(":") ? "[\(ip)]:\(port)" : "\(ip):\(port)"
    }

    /// The framework's own loggers speak only of warnings and worse.
    public static func quiet(_ logger: Logger) -> Logger {
        var quiet = logger
        quiet.logLevel = max(logger.logLevel, .warning)
        return quiet
    }
}
