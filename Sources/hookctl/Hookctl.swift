import ArgumentParser
import HookctlCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `hookctl` command line: only argument parsing; each subcommand calls one `HookctlCore` function.
@main
struct Hookctl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hookctl",
        abstract: "Outbound webhooks for access-request events, as code.",
        version: "0.1.0",
        groupedSubcommands: [
            CommandGroup(
                name: "Declaration",
                subcommands: [
                    InitCommand.self,
                    ValidateCommand.self,
                    LintCommand.self,
                    RenderCommand.self,
                    SchemaCommand.self,
                    SampleCommand.self,
                ]
            ),
            CommandGroup(
                name: "Live state",
                subcommands: [
                    PlanCommand.self,
                    ApplyCommand.self,
                    ForceUnlockCommand.self,
                    ListCommand.self,
                    EnableCommand.self,
                    DisableCommand.self,
                    LogCommand.self,
                    ExportCommand.self,
                    ImportCommand.self,
                ]
            ),
            CommandGroup(
                name: "Delivery",
                subcommands: [
                    TestCommand.self,
                    EmitCommand.self,
                    HistoryCommand.self,
                    RedeliverCommand.self,
                    QueueCommand.self,
                    ReceiveCommand.self,
                ]
            ),
            CommandGroup(
                name: "Serving",
                subcommands: [
                    RunCommand.self,
                    ConsoleCommand.self,
                ]
            ),
        ]
    )

    /// Runs the command; bad usage exits 2 (as actionlint and Terraform do), not ArgumentParser's 64.
    static func main() async {
        do {
            var command = try await asyncParseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                let message = fullMessage(for: error)
                FileSink(descriptor: STDERR_FILENO).write(message + (message.hasSuffix("\n") ? "" : "\n"))
                Self.exit(withError: ExitCode(CheckExit.usage))
            }
            exit(withError: error)
        }
    }
}
