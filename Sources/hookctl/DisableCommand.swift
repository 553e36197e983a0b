import ArgumentParser
import Foundation
import HookctlCore

struct DisableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable", abstract: "Turn a live webhook off (incident response; the next plan shows drift).")

    @Argument(help: "The webhook's name.")
    var name: String

    @Option(help: "The store: sqlite:PATH (default: $HOOKCTL_STORE, else .hookctl/state.db).")
    var store: String?

    func run() async throws {
        let code = await setEnabled(
            name, false, StoreCommandOptions(store: store),
            terminal: .standard(environment: ProcessInfo.processInfo.environment))
        if code != 0 { throw ExitCode(code) }
    }
}
