import ArgumentParser
import HookctlCore

struct SchemaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the access-request event's JSON Schema (draft 2020-12)."
    )

    func run() async throws {
        let code = printSchema(terminal: .standard())
        if code != 0 { throw ExitCode(code) }
    }
}
