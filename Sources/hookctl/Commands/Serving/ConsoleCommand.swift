import ArgumentParser
import HookctlCore
import Logging

struct ConsoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Serve the web console alone against a store (hookctl run serves it on its listener too).",
        discussion: """
            The webhooks table, a webhook's declaration, Test, history with Redeliver, Activate/Deactivate and the \
            Add Webhook draft, as HTML pages. Log in with $HOOKCTL_CONSOLE_TOKEN, else the token in \
            .hookctl/console-token (created, mode 0600, on first start); $HOOKCTL_CONSOLE_VIEWER_TOKEN logs in \
            read-only. SIGTERM or SIGINT stop it.

            \(RunExit.table.help)
            """
    )

    @Option(help: "HOST:PORT to serve the console on.")
    var listen = "127.0.0.1:8090"

    @Option(help: storeHelp)
    var store: String?

    @OptionGroup var receivers: ReceiverOptions

    @OptionGroup var served: ServedTLSOptions

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        logging.bootstrap()
        var options = ConsoleOptions()
        (options.listen, options.store) = (listen, store)
        options.allowTargets = receivers.allow.allowTargets
        options.caFile = receivers.caFile
        (options.tlsCertificate, options.tlsKey) = (served.tlsCertificate, served.tlsKey)
        options.insecureHTTP = served.insecureHTTP
        let code = await serveConsole(options, terminal: .standard())
        if code != 0 { throw ExitCode(code) }
    }
}
