import ArgumentParser
import Foundation
import HookctlCore
import WebhookModel

struct TestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Send a declared webhook once, through the real delivery path, and show the whole exchange.",
        discussion: """
            Reads the declaration from webhooks.d (so it works before apply; secrets come from the environment), \
            renders the sample event for the trigger (the webhook's first trigger by default) or the given event, \
            sends it exactly as a delivery would, and prints Success or Failure, the request (secrets redacted) and \
            the response. When a store exists the attempt is recorded in its history with trigger Test.

            \(TestExit.table.help)
            """
    )

    @Argument(help: "The name of a declared webhook.", completion: .webhookNames(.declarations))
    var name: String

    @Option(help: "The trigger whose sample event to send.")
    var trigger: Trigger?

    @Option(help: "An event file to send instead of a sample (- reads standard input).")
    var event: String?

    @Option(name: .customLong("path"), help: "Where the declarations are (repeatable; default: webhooks.d).")
    var paths: [String] = []

    @Option(help: "The store to record the attempt in, if it exists (default: $HOOKCTL_STORE, else .hookctl/state.db).")
    var store: String?

    @OptionGroup var receivers: ReceiverOptions

    @Option(help: "How long recorded history is kept, e.g. 30d (the default) or 12h.")
    var retention: String?

    func validate() throws {
        if trigger != nil, event != nil { throw ValidationError("Give --trigger or --event, not both.") }
    }

    func run() async throws {
        let options = TestOptions(
            name: name, trigger: trigger, event: event, paths: paths, store: store,
            allowTargets: receivers.allow.allowTargets, caFile: receivers.caFile, retention: retention)
        let code = await testWebhook(options, terminal: .standard())
        if code != 0 { throw ExitCode(code) }
    }
}
