import ArgumentParser
import HookctlCore

struct RedeliverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redeliver",
        abstract: "Queue an event again for a webhook, outside the automatic schedule (trigger Redelivery).",
        discussion: """
            hookctl redeliver INVOCATION_ID queues that invocation's event again for its webhook; \
            hookctl redeliver --webhook NAME --status failure --since 24h does so for every matching invocation \
            (once per event). The webhook-id stays the same, so receivers can tell a redelivery of an event they \
            already have. A running hookctl run sends it.

            \(StoreCommandExit.table.help)
            """
    )

    @Argument(help: "An invocation id (inv_…), as hookctl history lists them.")
    var invocation: String?

    @Option(
        help: "Every invocation of this webhook (with --status and --since).", completion: .webhookNames(.live))
    var webhook: String?

    @OptionGroup var filter: InvocationFilterOptions

    @Option(help: storeHelp)
    var store: String?

    func run() async throws {
        var options = RedeliverOptions()
        (options.invocationID, options.webhook, options.store) = (invocation, webhook, store)
        (options.status, options.since) = (filter.status, filter.since)
        let code = await redeliver(options, terminal: .standard())
        if code != 0 { throw ExitCode(code) }
    }
}
