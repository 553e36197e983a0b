import ArgumentParser
import Foundation
import HookctlCore

struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the live webhooks: state, method, host, triggers, and whether managed.",
        discussion: StoreCommandExit.table.help)

    @Option(help: storeHelp)
    var store: String?

    @Option(name: .customLong("set"), help: "The managed-by set id (default: derived from the git repository).")
    var setName: String?

    @Option(help: "text (a table) or json (versioned, for scripts).")
    var format: ListingFormat = .text

    func run() async throws {
        let code = await list(
            StoreCommandOptions(store: store, setName: setName), format: format,
            terminal: .standard(environment: ProcessInfo.processInfo.environment))
        if code != 0 { throw ExitCode(code) }
    }
}
