import Console
import Delivery
import Logging
import Store
public import StoreSelection

/// `hookctl console`: serves the console alone against a store until SIGTERM or SIGINT. Exit codes as `hookctl run`
/// (`RunExit`): 0 stopped by a signal, 1 error, 2 bad usage.
public func serveConsole(
    _ options: ConsoleOptions, terminal: Terminal, stores: StoreOpener = .standard, signals: Bool = true,
    listening: @escaping @Sendable (Int) async -> Void = { _ in }
) async -> Int32 {
    let directory = options.directory
    guard let allowList = options.allowTargets.allowList(terminal: terminal),
        let trust = TrustOption.roots(caFile: options.caFile, terminal: terminal, directory: directory)
    else { return RunExit.usage }
    guard
        let (host, port, tls) = ListenAddress.checkServed(
            options.listen, tlsCertificate: options.tlsCertificate, tlsKey: options.tlsKey,
            insecureHTTP: options.insecureHTTP, carrying: "the console carries its token and session cookies",
            example: "127.0.0.1:8090 or [::1]:8090", directory: directory, terminal: terminal)
    else { return RunExit.usage }
    guard
        let (configuration, source) = ConsoleTokens.configuration(
            terminal: terminal, directory: directory, tls: tls != nil, allowTargets: allowList.entries),
        let opened = options.openStore(terminal, stores, mustExist: true)
    else { return RunExit.error }
    let logger = Logger(label: "hookctl.console")
    logger.info("console starting", metadata: ["store": "\(opened.url)", "console_token": "\(source)"])
    let transport = PooledHTTPTransport(trust: trust)
    let sender = Sender(addressGuard: AddressGuard(allowList: allowList), transport: transport)
    let console = Console(
        configuration: configuration, store: opened.store, key: opened.key, sender: sender, logger: logger)
    let server = ConsoleServer(
        console: console, host: host, port: port, tls: tls, logger: logger, storeService: opened.service)
    var code = RunExit.stopped
    do {
        try await server.run(signals: signals, listening: listening)
    } catch {
        terminal.err.write("error: the console stopped: \(error)\n")
        code = RunExit.error
    }
    await transport.shutdown()
    return code
}
