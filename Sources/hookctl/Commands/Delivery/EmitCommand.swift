import ArgumentParser
import HookctlCore
import WebhookModel

struct EmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emit",
        abstract: "Queue events straight into the store (validated and idempotent like the intake), for scripts.",
        discussion: """
            Queues one event (--event FILE holding a JSON object), a batch (a JSON array of up to 1,000, as \
            POST /v1/events/batch takes) or a trigger's sample event (--trigger T, the default Created) with its \
            fan-out to the active webhooks of its trigger, in one transaction, and prints what it queued. Events \
            are checked against the event schema; one already accepted is reported as a duplicate and not queued \
            again. A running hookctl run delivers them.

            \(StoreCommandExit.table.help)
            """
    )

    @Option(
        help: """
            An access-request event file (JSON; - reads standard input): one event, or an array of up to 1,000 as \
            for the batch endpoint.
            """)
    var event: String?

    @Option(help: "Queue the sample event of this trigger instead.")
    var trigger: Trigger?

    @Option(help: "The same key twice is accepted once (default: event_type, data.id and event_time).")
    var idempotencyKey: String?

    @Option(help: storeHelp)
    var store: String?

    func validate() throws {
        if trigger != nil, event != nil { throw ValidationError("Give --trigger or --event, not both.") }
    }

    func run() async throws {
        var options = EmitOptions()
        (options.event, options.trigger, options.idempotencyKey, options.store) = (
            event, trigger, idempotencyKey, store
        )
        let code = await emit(options, terminal: .standard())
        if code != 0 { throw ExitCode(code) }
    }
}
