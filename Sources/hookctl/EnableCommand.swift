import ArgumentParser
import Foundation
import HookctlCore

struct EnableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enable", abstract: "Turn a live webhook on (incident response; the next plan shows drift).")

    @Argument(help: "The webhook's name.")
    var name: String

    @Option(help: "The store: sqlite:PATH (default: $HOOKCTL_STORE, else .hookctl/state.db).")
    var store: String?

    func run() async throws {
        let code = await setEnabled(
            name, true, StoreCommandOptions(store: store),
            terminal: .standard(environment: ProcessInfo.processInfo.environment))
        if code != 0 { throw ExitCode(code) }
    }
}
