import ArgumentParser
import HookctlCore

struct QueueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Show the delivery queue per webhook: pending, due, in flight, oldest due, consecutive failures.",
        discussion: StoreCommandExit.table.help)

    @Option(help: storeHelp)
    var store: String?

    @Option(help: "text (a table) or json (versioned, for scripts).")
    var format: ListingFormat = .text

    func run() async throws {
        let code = await showQueue(StoreCommandOptions(store: store), format: format, terminal: .standard())
        if code != 0 { throw ExitCode(code) }
    }
}
