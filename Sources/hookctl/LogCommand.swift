import ArgumentParser
import Foundation
import HookctlCore

struct LogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "Show past applies: when, who, plan digest and changes.")

    @Option(help: "The store: sqlite:PATH (default: $HOOKCTL_STORE, else .hookctl/state.db).")
    var store: String?

    @Option(help: "How many applies to show.")
    var limit = 20

    func run() async throws {
        let code = await showLog(
            StoreCommandOptions(store: store), limit: limit,
            terminal: .standard(environment: ProcessInfo.processInfo.environment))
        if code != 0 { throw ExitCode(code) }
    }
}
