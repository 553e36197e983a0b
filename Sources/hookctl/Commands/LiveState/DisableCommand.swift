import ArgumentParser
import HookctlCore

struct DisableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable", abstract: "Turn a live webhook off (incident response; the next plan shows drift).",
        discussion: StoreCommandExit.table.help)

    @OptionGroup var webhook: NamedWebhookOptions

    func run() async throws { try await webhook.setActive(false) }
}
