import ArgumentParser
import Foundation
import HookctlCore

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Write YAML for unmanaged live webhooks; the next apply marks them managed by this set.",
        discussion: StoreCommandExit.table.help)

    @Argument(help: "Names of live webhooks no set manages yet.", completion: .webhookNames(.live))
    var names: [String]

    @Option(help: "The folder to write NAME.yaml into.")
    var out = "webhooks.d"

    @Option(help: storeHelp)
    var store: String?

    func run() async throws {
        let code = await importWebhooks(
            names, ExportOptions(store: store, out: out),
            terminal: .standard(environment: ProcessInfo.processInfo.environment))
        if code != 0 { throw ExitCode(code) }
    }
}
