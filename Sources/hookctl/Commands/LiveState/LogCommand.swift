import ArgumentParser
import Foundation
import HookctlCore

struct LogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "Show past applies: when, who, plan digest and changes.",
        discussion: StoreCommandExit.table.help)

    @Option(help: storeHelp)
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
