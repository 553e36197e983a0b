import ArgumentParser
import Foundation
import HookctlCore

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the whole live state as YAML declarations (secrets as references, never values).",
        discussion: StoreCommandExit.table.help)

    @Option(help: "Write NAME.yaml files into this folder instead of printing.")
    var out: String?

    @Option(help: storeHelp)
    var store: String?

    func run() async throws {
        let code = await export(
            ExportOptions(store: store, out: out), terminal: .standard(environment: ProcessInfo.processInfo.environment)
        )
        if code != 0 { throw ExitCode(code) }
    }
}
