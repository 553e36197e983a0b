public import ArgumentParser
import Foundation
public import HookctlCore

extension ListingFormat: ExpressibleByArgument {}

struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Webhook invocations: hookctl history [NAME] lists them, hookctl history show ID shows one.",
        subcommands: [HistoryListCommand.self, HistoryShowCommand.self],
        defaultSubcommand: HistoryListCommand.self
    )
}

struct HistoryListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract:
            "List recent invocations: time, id, webhook, trigger, attempt, status, HTTP status, duration, reason.",
        discussion: StoreCommandExit.table.help
    )

    @Argument(help: "Only this webhook.", completion: .webhookNames(.live))
    var name: String?

    @OptionGroup var filter: InvocationFilterOptions

    @Option(help: "Created, Approved, Rejected, Granted, Expired, Failed, Test or Redelivery.")
    var trigger: String?

    @Option(help: "Only attempts started longer ago than this, e.g. 1h.")
    var until: String?

    @Option(help: "The page after this cursor: a full page's next_before (JSON) or the `more:` line (text).")
    var before: String?

    @Option(help: "At most this many, newest first.")
    var limit = 50

    @Option(help: "text or json.")
    var format: HistoryOptions.Format = .text

    @Option(help: storeHelp)
    var store: String?

    func run() async throws {
        let options = HistoryOptions(
            webhook: name, status: filter.status, trigger: trigger, since: filter.since, until: until, before: before,
            limit: limit, format: format, store: store)
        let code = await showHistory(options, terminal: .standard())
        if code != 0 { throw ExitCode(code) }
    }
}

struct HistoryShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one invocation's complete request and response.")

    @Argument(help: "The invocation id (from hookctl history).")
    var id: String

    @Option(help: "text or json.")
    var format: HistoryOptions.Format = .text

    @Option(help: storeHelp)
    var store: String?

    func run() async throws {
        let code = await showInvocation(id: id, format: format, store: store, terminal: .standard())
        if code != 0 { throw ExitCode(code) }
    }
}
