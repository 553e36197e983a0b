public import Delivery
import Foundation
import Hummingbird
import HummingbirdCore
public import Logging
import NIOCore
public import ServiceLifecycle
public import Store

/// What a runner needs of its store: the queue, and the live webhooks for its log line.
public typealias RunnerStore = DeliveryQueueStore & LiveStateStore

/// The bundled runner: the intake server, the delivery workers, the queue gauges' refresh and (on a shared store)
/// the store's notifications as services in one `ServiceGroup`, stopped gracefully by SIGTERM or SIGINT (the intake stops first, then in-flight sends finish up
/// to the timeout).
public struct Runner: Sendable {
    let configuration: RunnerConfiguration
    let store: any RunnerStore
    let key: StoreKey
    let sender: Sender
    let clock: any WallClock
    let logger: Logger
    /// What keeps the store connected for the runner's lifetime (PostgreSQL's pool): the first service in the
    /// group, so it is the last to stop and the workers can record their last attempts.
    let storeService: (any Service)?

    public init(
        configuration: RunnerConfiguration, store: any RunnerStore, key: StoreKey, sender: Sender,
        clock: any WallClock = SystemClock(), logger: Logger, storeService: (any Service)? = nil
    ) {
        self.configuration = configuration
        self.storeService = storeService
        self.store = store
        self.key = key
        self.sender = sender
        self.clock = clock
        self.logger = logger
    }

    /// Runs until a signal (with `signals`) or cancellation. `listening` is told the port the intake bound (useful
    /// with port 0).
    public func run(signals: Bool = true, listening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let wake = WakeSignal()
        let metrics = configuration.metrics
        let intake = EventIntake(
            queue: store, clock: clock, commitTimeout: configuration.commitTimeout, metrics: metrics, logger: logger,
            accepted: { wake.signal() })
        let router = IntakeRouter.make(intake: intake, token: configuration.ingestToken, metrics: metrics)
        configuration.extraRoutes?(router)
        let server = try ServedHTTP.server(
            tls: configuration.tls,
            idleTimeout: TimeAmount(configuration.idleTimeout), bodyTimeout: TimeAmount(configuration.bodyTimeout),
            maxConnections: configuration.maxConnections, logger: logger,
            opened: { metrics.intakeConnections($0) })
        let scheme = configuration.tls == nil ? "http" : "https"
        let logger = logger
        let application = Application(
            router: router, server: server,
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "hookctl"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                logger.info(
                    "intake listening", metadata: ["url": "\(scheme)://\(ServedHTTP.authority(channel.localAddress))"])
                await listening(port)
            }, logger: ServedHTTP.quiet(logger))
        let workers = DeliveryWorkers(
            queue: store, sender: sender, key: key, clock: clock, configuration: configuration, logger: logger,
            wake: wake)
        let gauges = QueueGauges(
            queue: store, clock: clock, metrics: metrics, interval: configuration.queueMetricsInterval,
            logger: logger)
        // A store shared with other runners wakes the workers when they take in events (polling stays the fallback).
        let listener = (store as? any StoreNotifications).map {
            StoreListener(notifications: $0, wake: wake, metrics: metrics, logger: logger)
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: (storeService.map { [ServiceGroupConfiguration.ServiceConfiguration(service: $0)] } ?? [])
                    // The intake's group commit stops after the intake (services stop in reverse order), so every
                    // request the intake took in is committed and answered.
                    + [.init(service: intake.commits), .init(service: workers), .init(service: application)]
                    + [.init(service: gauges)]
                    + (listener.map { [.init(service: $0)] } ?? []),
                gracefulShutdownSignals: signals ? [.sigterm, .sigint] : [],
                logger: ServedHTTP.quiet(logger)))
        try await group.run()
        logger.info("runner stopped")
    }
}
