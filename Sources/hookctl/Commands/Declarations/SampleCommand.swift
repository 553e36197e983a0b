import ArgumentParser
import HookctlCore
import WebhookModel

struct SampleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Print a realistic sample event for a trigger."
    )

    @Option(help: "The trigger: Created, Approved, Rejected, Granted, Expired or Failed.")
    var trigger: Trigger = .created

    func run() async throws {
        let code = printSample(trigger: trigger, terminal: .standard())
        if code != 0 { throw ExitCode(code) }
    }
}
