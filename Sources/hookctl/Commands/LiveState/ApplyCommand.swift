import ArgumentParser
import Foundation
import HookctlCore

struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Apply a saved plan exactly, or plan and apply after confirmation.",
        discussion: """
            With PLANFILE, applies exactly that plan and refuses if the store moved since it was made (stale plan). \
            Without it, plans webhooks.d, shows the plan and asks for confirmation on a terminal (--auto-approve \
            for CI). All changes are written in one transaction, under a lease lock.

            \(ApplyExit.table.help)
            """
    )

    @Argument(help: "A plan file saved by `hookctl plan --out FILE`.")
    var planFile: String?

    @Flag(help: "Apply without asking (for CI).")
    var autoApprove = false

    @OptionGroup var planning: PlanningOptions

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        var options = ApplyOptions(
            planFile: planFile, store: planning.store, setName: planning.setName, autoApprove: autoApprove,
            allowMassDelete: planning.allowMassDelete)
        options.allowTargets = planning.allow.allowTargets
        options.environmentFiles = planning.environmentFiles
        let code = await apply(options, terminal: .standard(environment: environment))
        if code != 0 { throw ExitCode(code) }
    }
}
