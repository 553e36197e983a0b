import ArgumentParser
import Foundation
import HookctlCore

/// What `enable` and `disable` take: one live webhook by name, in a store.
struct NamedWebhookOptions: ParsableArguments {
    @Argument(help: "The webhook's name.", completion: .webhookNames(.live))
    var name: String

    @Option(help: storeHelp)
    var store: String?

    /// Turns the webhook on or off and exits with the command's code.
    func setActive(_ active: Bool) async throws {
        let code = await setEnabled(
            name, active, StoreCommandOptions(store: store),
            terminal: .standard(environment: ProcessInfo.processInfo.environment))
        if code != 0 { throw ExitCode(code) }
    }
}
