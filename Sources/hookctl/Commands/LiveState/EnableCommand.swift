import ArgumentParser
import HookctlCore

struct EnableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enable", abstract: "Turn a live webhook on (incident response; the next plan shows drift).",
        discussion: StoreCommandExit.table.help)

    @OptionGroup var webhook: NamedWebhookOptions

    func run() async throws { try await webhook.setActive(true) }
}
