import Hummingbird
import HummingbirdCore
public import Logging
import NIOCore
import ServiceLifecycle

/// `hookctl receive`'s server: a plain-HTTP receiver for trying webhooks out on one machine. It answers every
/// request, tells the caller about each one, and runs as a service in a `ServiceGroup` until SIGTERM or SIGINT (or
/// cancellation).
public struct LocalReceiver: Sendable {
    let configuration: LocalReceiverConfiguration
    let logger: Logger

    public init(configuration: LocalReceiverConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Runs until a signal (with `signals`) or cancellation. `listening` is told the port bound (useful with port
    /// 0); `received` is told of every request once it is answered.
    public func run(
        signals: Bool = true, listening: @escaping @Sendable (Int) async -> Void = { _ in },
        received: @escaping @Sendable (ReceivedDelivery) -> Void
    ) async throws {
        let router = Router()
        router.middlewares.add(ReceivingMiddleware(configuration: configuration, received: received))
        var quiet = logger
        quiet.logLevel = max(logger.logLevel, .warning)
        let application = Application(
            router: router, server: .http1(configuration: .init(idleTimeout: .seconds(30))),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "hookctl-receive"),
            onServerRunning: { channel in await listening(channel.localAddress?.port ?? 0) }, logger: quiet)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: application)], gracefulShutdownSignals: signals ? [.sigterm, .sigint] : [],
                logger: quiet))
        try await group.run()
    }
}
