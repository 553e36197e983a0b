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

            \(ApplyExit.help)
            """
    )

    @Argument(help: "A plan file saved by `hookctl plan --out FILE`.")
    var planFile: String?

    @Option(help: "The store: sqlite:PATH (default: $HOOKCTL_STORE, else .hookctl/state.db).")
    var store: String?

    @Option(name: .customLong("set"), help: "The managed-by set id (default: derived from the git repository).")
    var setName: String?

    @Flag(help: "Apply without asking (for CI).")
    var autoApprove = false

    @Flag(help: "Allow deleting more than half, or all, of the managed webhooks.")
    var allowMassDelete = false

    @Option(
        name: .customLong("allow-target"),
        help: "HOST:PORT exempt from the address and port rules, http allowed; local testing only (repeatable).")
    var allowTargets: [String] = []

    @Option(
        name: .customLong("env-file"),
        help: "A NAME=value file for ${env:…} references; the process environment wins (repeatable).")
    var environmentFiles: [String] = []

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        var options = ApplyOptions(
            planFile: planFile, store: store, setName: setName, autoApprove: autoApprove,
            allowMassDelete: allowMassDelete, beforeCommit: ApplyTestHook.beforeCommit(environment: environment))
        options.allowTargets = AllowTargets(allowTargets)
        options.environmentFiles = environmentFiles
        let code = await apply(options, console: .standard(environment: environment))
        if code != 0 { throw ExitCode(code) }
    }
}
