public import HummingbirdCore
import HummingbirdTLS
public import Logging
public import NIOCore
import NIOSSL

/// What every hookctl listener shares (the runner's intake, the console alone): HTTP/1 with a 30 s idle timeout,
/// over TLS when given a certificate and key, the bound address as logged, and quiet framework loggers.
public enum ServedHTTP {
    /// The server for `certificate` and `key` (PEM files), or plain HTTP when there are none.
    public static func server(certificate: String?, key: String?) throws -> HTTPServerBuilder {
        let http1 = HTTPServerBuilder.http1(configuration: .init(idleTimeout: .seconds(30)))
        guard let certificate, let key else { return http1 }
        let tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
        return try .tls(http1, tlsConfiguration: tls)
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
