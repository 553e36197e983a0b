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
    guard let (host, port) = ListenAddress.parse(options.listen) else {
        terminal.err.write(
            "error: --listen \"\(options.listen)\" is not HOST:PORT (e.g. 127.0.0.1:8090 or [::1]:8090)\n")
        return RunExit.usage
    }
    let tls = options.tlsCertificate != nil || options.tlsKey != nil
    if tls, options.tlsCertificate == nil || options.tlsKey == nil {
        terminal.err.write("error: --tls-cert and --tls-key go together\n")
        return RunExit.usage
    }
    if !tls, !options.insecureHTTP, !ListenAddress.isLoopback(host) {
        terminal.err.write(
            "error: the console carries its token and session cookies: serve \(host) with --tls-cert FILE --tls-key "
                + "FILE, listen on a loopback address, or say --insecure-http\n")
        return RunExit.usage
    }
    guard
        let (configuration, source) = ConsoleTokens.configuration(
            terminal: terminal, directory: directory, tls: tls, allowTargets: allowList.entries),
        let opened = options.openStore(terminal, stores)
    else { return RunExit.error }
    let logger = Logger(label: "hookctl.console")
    logger.info("console starting", metadata: ["store": "\(opened.url)", "console_token": "\(source)"])
    let transport = PooledHTTPTransport(trust: trust)
    let sender = Sender(addressGuard: AddressGuard(allowList: allowList), transport: transport)
    let console = Console(
        configuration: configuration, store: opened.store, key: opened.key, sender: sender, logger: logger)
    let server = ConsoleServer(
        console: console, host: host, port: port, tlsCertificateFile: options.tlsCertificate,
        tlsKeyFile: options.tlsKey, logger: logger, storeService: opened.service)
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
