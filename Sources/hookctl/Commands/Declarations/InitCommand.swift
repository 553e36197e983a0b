import ArgumentParser
import HookctlCore

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Scaffold a repository: webhooks.d/ with an example, its editor schema, the workflow, .gitignore.",
        discussion: """
            Writes webhooks.d/example.yaml (a commented example that names the editor schema), \
            schema/declarations.schema.json, .github/workflows/webhooks.yml (lint, plan as a pull-request \
            comment, apply on merge, with hookctl's GitHub Action) and a .gitignore for .hookctl/. Never \
            overwrites: what exists is left alone and said so.

            \(InitExit.table.help)
            """
    )

    @Argument(help: "The repository folder (created when missing).")
    var directory = "."

    @Option(help: "The workflow's uses: for hookctl's action, e.g. acme/hookctl@v0 (default OWNER/hookctl@v0).")
    var action: String?

    func run() async throws {
        var options = InitOptions()
        (options.directory, options.action) = (directory, action)
        let code = initRepository(options, terminal: .standard())
        if code != 0 { throw ExitCode(code) }
    }
}
