import ArgumentParser
import HookctlCore

struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "validate", abstract: "Check webhook declarations.")
    func run() async throws {}
}
