import ArgumentParser

/// The `hookctl` command line: only argument parsing; each subcommand calls one `HookctlCore` function.
@main
struct Hookctl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hookctl",
        abstract: "Outbound webhooks for access-request events, as code.",
        version: "0.1.0",
        subcommands: [
            ValidateCommand.self,
        ]
    )
}
