import ArgumentParser
import HookctlCore

struct SchemaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the access-request event's JSON Schema (draft 2020-12).",
        discussion: """
            With --declarations, prints the JSON Schema of a webhook declaration instead, for editors that check \
            and complete YAML (the same file is committed as schema/declarations.schema.json).
            """
    )

    @Flag(help: "Print the schema of a webhook declaration (webhooks.d/*.yaml) instead of the event's.")
    var declarations = false

    func run() async throws {
        let code = printSchema(declarations: declarations, terminal: .standard())
        if code != 0 { throw ExitCode(code) }
    }
}
