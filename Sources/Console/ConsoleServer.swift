import Hummingbird
public import Logging
import NIOCore
public import Runner
public import ServiceLifecycle

/// `hookctl console`: the console alone on its own listener, for teams whose runners run elsewhere. The HTTP server
/// and the store's service (PostgreSQL's pool) run in one `ServiceGroup`, stopped gracefully by SIGTERM or SIGINT.
public struct ConsoleServer: Sendable {
    let console: Console
    let host: String
    let port: Int
    let tls: ServedTLS?
    let logger: Logger
    let storeService: (any Service)?

    public init(
        console: Console, host: String, port: Int, tls: ServedTLS? = nil, logger: Logger,
        storeService: (any Service)? = nil
    ) {
        self.console = console
        self.host = host
        self.port = port
        self.tls = tls
        self.logger = logger
        self.storeService = storeService
    }

    /// Serves until a signal (with `signals`) or cancellation; `listening` is told the bound port (for port 0).
    public func run(signals: Bool = true, listening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let server = try ServedHTTP.server(tls: tls, logger: logger)
        let scheme = tls == nil ? "http" : "https"
        let logger = logger
        let quiet = ServedHTTP.quiet(logger)
        let application = Application(
            router: console.router(), server: server,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "hookctl"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                logger.info(
                    "console listening", metadata: ["url": "\(scheme)://\(ServedHTTP.authority(channel.localAddress))/"]
                )
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
}
