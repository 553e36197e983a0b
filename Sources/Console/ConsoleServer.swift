import Hummingbird
import HummingbirdCore
import HummingbirdTLS
public import Logging
import NIOCore
import NIOSSL
public import ServiceLifecycle

/// `hookctl console`: the console alone on its own listener, for teams whose runners run elsewhere. The HTTP server
/// and the store's service (PostgreSQL's pool) run in one `ServiceGroup`, stopped gracefully by SIGTERM or SIGINT.
public struct ConsoleServer: Sendable {
    let console: Console
    let host: String
    let port: Int
    let tlsCertificateFile: String?
    let tlsKeyFile: String?
    let logger: Logger
    let storeService: (any Service)?

    public init(
        console: Console, host: String, port: Int, tlsCertificateFile: String? = nil, tlsKeyFile: String? = nil,
        logger: Logger, storeService: (any Service)? = nil
    ) {
        self.console = console
        self.host = host
        self.port = port
        self.tlsCertificateFile = tlsCertificateFile
        self.tlsKeyFile = tlsKeyFile
        self.logger = logger
        self.storeService = storeService
    }

    /// Serves until a signal (with `signals`) or cancellation; `listening` is told the bound port (for port 0).
    public func run(signals: Bool = true, listening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let http1 = HTTPServerBuilder.http1(configuration: .init(idleTimeout: .seconds(30)))
        let server: HTTPServerBuilder
        if let certificate = tlsCertificateFile, let keyFile = tlsKeyFile {
            let tls = TLSConfiguration.makeServerConfiguration(
                certificateChain: try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) },
                privateKey: .privateKey(try NIOSSLPrivateKey(file: keyFile, format: .pem)))
            server = try .tls(http1, tlsConfiguration: tls)
        } else {
            server = http1
        }
        let scheme = tlsCertificateFile == nil ? "http" : "https"
        let logger = logger
        var quiet = logger
        quiet.logLevel = max(logger.logLevel, .warning)
        let application = Application(
            router: console.router(), server: server,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "hookctl"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                logger.info(
                    "console listening", metadata: ["url": "\(scheme)://\(Self.authority(channel.localAddress))/"])
                await listening(port)
            }, logger: quiet)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: (storeService.map { [ServiceGroupConfiguration.ServiceConfiguration(service: $0)] } ?? [])
                    + [.init(service: application)],
                gracefulShutdownSignals: signals ? [.sigterm, .sigint] : [], logger: quiet))
        try await group.run()
        logger.info("console stopped")
    }

    /// `host:port` of a bound address, IPv6 in brackets.
    static func authority(_ address: SocketAddress?) -> String {
        guard let address, let ip = address.ipAddress, let port = address.port else { return "?" }
        return ip.contains(":") ? "[\(ip)]:\(port)" : "\(ip):\(port)"
    }
}
