import ArgumentParser
import Foundation
import HookctlCore

struct ForceUnlockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "force-unlock",
        abstract: "Release the apply lock with this id (after a killed apply, before its lease expires).",
        discussion: StoreCommandExit.table.help
    )

    @Argument(help: "The lock id, as printed when an apply finds the store locked.")
    var lockID: String

    @Option(help: storeHelp)
    var store: String?

    func run() async throws {
        let code = await forceUnlock(
            ForceUnlockOptions(lockID: lockID, store: store),
            terminal: .standard(environment: ProcessInfo.processInfo.environment))
        if code != 0 { throw ExitCode(code) }
    }
}
