import ArgumentParser
import HookctlCore
import Logging

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the bundled runner: take events in and deliver them to every matching active webhook.",
        discussion: """
            Serves POST /v1/events and /v1/events/batch (Authorization: Bearer $HOOKCTL_INGEST_TOKEN, else the \
            token in .hookctl/ingest-token, created on first run), fans each event out to the active webhooks of \
            its trigger in the store that apply wrote, and delivers with retries, recording every attempt. \
            SIGTERM or SIGINT stop the intake, let in-flight sends finish up to --shutdown-timeout and leave the \
            rest queued for the next start.

            \(RunExit.table.help)
            """
    )

    @Option(help: "HOST:PORT for the intake.")
    var listen = "127.0.0.1:8080"

    @Option(help: storeHelp)
    var store: String?

    @OptionGroup var receivers: ReceiverOptions

    @OptionGroup var served: ServedTLSOptions

    @OptionGroup var logging: LoggingOptions

    @Option(help: "How long in-flight sends may finish after SIGTERM/SIGINT, e.g. 10s (the default).")
    var shutdownTimeout: String?

    @Option(help: "Sends in flight at once, over all webhooks.")
    var concurrency = 256

    @Option(help: "Sends in flight at once to one host.")
    var perHostLimit = 32

    @Option(help: "Intake connections open at once; more wait to be accepted until one closes.")
    var maxConnections = 1_024

    @Option(help: "How long a host's checked addresses are reused before a new check, e.g. 60s (the default).")
    var resolveTtl: String?

    @Option(help: "How long claimed deliveries stay leased to this runner, e.g. 5m (the default).")
    var lease: String?

    @Option(
        help: "How often the workers look for due deliveries when nothing wakes them, e.g. 1s (the default).")
    var pollInterval: String?

    @Option(help: "Disable a webhook after this many consecutive failures…")
    var disableAfter = 100

    @Option(help: "…spanning at least this long, e.g. 24h (the default).")
    var disableSpan: String?

    @Flag(help: "Do not serve the web console on the intake's listener.")
    var noConsole = false

    func run() async throws {
        logging.bootstrap()
        var options = RunOptions()
        options.listen = listen
        options.store = store
        options.allowTargets = receivers.allow.allowTargets
        options.caFile = receivers.caFile
        (options.tlsCertificate, options.tlsKey) = (served.tlsCertificate, served.tlsKey)
        options.insecureHTTP = served.insecureHTTP
        (options.concurrency, options.perHostLimit) = (concurrency, perHostLimit)
        options.maxConnections = maxConnections
        (options.shutdownTimeout, options.resolveTTL, options.lease) = (shutdownTimeout, resolveTtl, lease)
        (options.disableAfterFailures, options.disableSpan) = (disableAfter, disableSpan)
        options.pollInterval = pollInterval
        options.console = !noConsole
        let code = await HookctlCore.run(options, terminal: .standard())
        if code != 0 { throw ExitCode(code) }
    }
}
