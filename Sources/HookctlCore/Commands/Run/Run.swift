import Console
import Delivery
import Foundation
import Logging
import Runner
import Store
public import StoreSelection
import WebhookModel

/// `hookctl run`: the bundled runner. Takes events in on the intake, delivers them to every matching active
/// webhook, and records every attempt, until SIGTERM or SIGINT. Returns the exit code (`RunExit`).
public func run(
    _ options: RunOptions, terminal: Terminal, stores: StoreOpener = .standard, signals: Bool = true,
    listening: @escaping @Sendable (Int) async -> Void = { _ in }
) async -> Int32 {
    let directory = options.directory
    guard let allowList = options.allowTargets.allowList(terminal: terminal),
        let trust = TrustOption.roots(caFile: options.caFile, terminal: terminal, directory: directory)
    else { return RunExit.usage }
    guard
        let (host, port, tls) = ListenAddress.checkServed(
            options.listen, tlsCertificate: options.tlsCertificate, tlsKey: options.tlsKey,
            insecureHTTP: options.insecureHTTP, carrying: "the intake carries bearer tokens",
            example: "127.0.0.1:8080 or [::1]:8080", directory: directory, terminal: terminal)
    else { return RunExit.usage }
    guard let durations = RunDurations(options, terminal: terminal), RunCounts.check(options, terminal: terminal)
    else { return RunExit.usage }
    guard let token = IngestToken.resolve(terminal: terminal, directory: directory),
        let opened = options.openStore(terminal, stores)
    else { return RunExit.error }
    var consoleConfiguration: ConsoleConfiguration?
    if options.console {
        guard
            let (configuration, source) = ConsoleTokens.configuration(
                terminal: terminal, directory: directory, tls: tls != nil, allowTargets: allowList.entries)
        else { return RunExit.error }
        consoleConfiguration = configuration
        Logger(label: "hookctl.runner").info("console enabled", metadata: ["console_token": "\(source)"])
    }
    let logger = Logger(label: "hookctl.runner")
    let active: Int
    do {
        active = try await opened.store.snapshot().webhooks.values.filter { $0.state.webhook.active }.count
    } catch {
        terminal.err.write("error: \(error)\n")
        return RunExit.error
    }
    let owner = ApplyIdentity.lockOwner(environment: terminal.environment)
    logStart(
        logger, options: options, owner: owner, store: opened.url, activeWebhooks: active, tokenSource: token.source)
    let transport = PooledHTTPTransport(
        trust: trust, limits: PoolLimits(connectionsPerKey: options.perHostLimit))
    let resolver = CachingResolver(ttl: durations.resolveTTL)
    let sender = Sender(addressGuard: AddressGuard(resolver: resolver, allowList: allowList), transport: transport)
    var configuration = RunnerConfiguration(
        host: host, port: port, ingestToken: token.token, tls: tls, concurrency: options.concurrency,
        perHostLimit: options.perHostLimit,
        shutdownTimeout: durations.shutdownTimeout, lease: durations.lease,
        pollInterval: durations.pollInterval, maxConnections: options.maxConnections,
        disableAfterFailures: options.disableAfterFailures, disableAfterSpan: durations.disableSpan,
        owner: owner,
        metrics: RunnerMetrics(registry: ProcessMetrics.registry))
    var announce = listening
    if let consoleConfiguration {
        let console = Console(
            configuration: consoleConfiguration, store: opened.store, key: opened.key, sender: sender,
            logger: Logger(label: "hookctl.console"))
        configuration.extraRoutes = { console.addRoutes(to: $0) }
        let scheme = tls == nil ? "http" : "https"
        let shownHost = host.contains(":") ? "[\(host)]" : host
        announce = { port in
            logger.info("console listening", metadata: ["url": "\(scheme)://\(shownHost):\(port)/"])
            await listening(port)
        }
    }
    let runner = Runner(
        configuration: configuration, store: opened.store, key: opened.key, sender: sender, logger: logger,
        storeService: opened.service)
    var code = RunExit.stopped
    do {
        try await runner.run(signals: signals, listening: announce)
    } catch {
        terminal.err.write("error: the runner stopped: \(error)\n")
        code = RunExit.error
    }
    await transport.shutdown()
    return code
}

/// The runner's first line (who it is, its store, how many webhooks it serves, its limits), with the open files
/// limit raised as far as allowed, and a warning when that is below what the limits may hold open.
private func logStart(
    _ logger: Logger, options: RunOptions, owner: String, store: StoreURL, activeWebhooks: Int,
    tokenSource: some CustomStringConvertible
) {
    let openFiles = OpenFileLimit.raise()
    logger.info(
        "runner starting",
        metadata: [
            "owner": "\(owner)", "store": "\(store)", "active_webhooks": "\(activeWebhooks)",
            "ingest_token": "\(tokenSource)",
            "concurrency": "\(options.concurrency)", "per_host_limit": "\(options.perHostLimit)",
            "max_connections": "\(options.maxConnections)",
            "open_files_limit": "\(openFiles.map(String.init) ?? "unknown")",
        ])
    let wantedFiles = OpenFileLimit.wanted(concurrency: options.concurrency, maxConnections: options.maxConnections)
    if let openFiles, openFiles < wantedFiles {
        logger.warning(
            "open files limit is below what --concurrency and --max-connections may hold; sends may fail to connect",
            metadata: [
                "open_files_limit": "\(openFiles)", "wanted": "\(wantedFiles)",
                "fix": "raise the hard limit (ulimit -Hn, LimitNOFILE= in systemd) or lower them",
            ])
    }
}
