import ArgumentParser
import Foundation
import HookctlCore

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what apply would change in the live webhooks.",
        discussion: """
            Compares webhooks.d (or the given files and folders) with the live webhooks in the store: + create, \
            ~ update in place, - delete. Drift (live changes made outside hookctl) is shown apart. Only webhooks \
            managed by this set are ever deleted. Secret values are never printed.

            \(PlanExit.table.help)
            """
    )

    @Argument(help: "Declaration files or folders (default: webhooks.d).")
    var paths: [String] = []

    @Option(help: "Output format: text, json or markdown.")
    var format: String = "text"

    @Option(help: "Save the plan to this file, for `hookctl apply FILE`.")
    var out: String?

    @Flag(help: "Exit 0 when there are no changes, 1 on error, 2 when there are changes.")
    var detailedExitcode = false

    @OptionGroup var planning: PlanningOptions

    func validate() throws {
        guard PlanOptions.Format(rawValue: format) != nil else {
            throw ValidationError("unknown format \"\(format)\"; use text, json or markdown")
        }
    }

    func run() async throws {
        let format = PlanOptions.Format(rawValue: format) ?? .text
        var options = PlanOptions(
            paths: paths, store: planning.store, setName: planning.setName, format: format, out: out,
            detailedExitCode: detailedExitcode, allowMassDelete: planning.allowMassDelete)
        options.allowTargets = planning.allow.allowTargets
        options.environmentFiles = planning.environmentFiles
        let code = await plan(options, terminal: .standard(environment: ProcessInfo.processInfo.environment))
        if code != 0 { throw ExitCode(code) }
    }
}
