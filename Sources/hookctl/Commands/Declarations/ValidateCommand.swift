import ArgumentParser
import HookctlCore

struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check webhook declarations and report every mistake with file:line:column.",
        discussion: """
            Reads webhooks.d/**/*.yaml and *.yml (or the given files and folders) and checks every declaration.

            \(CheckExit.table(strict: false).help)
            """
    )

    @Argument(help: "Declaration files or folders.")
    var paths: [String] = []

    @Option(help: "Output format: text, json, github (workflow annotations) or sarif.")
    var format: OutputFormat = .text

    @OptionGroup var allow: AllowTargetOptions

    func run() async throws {
        var options = ValidateOptions(paths: paths, format: format)
        options.allowTargets = allow.allowTargets
        let code = HookctlCore.validate(options, terminal: .standard())
        if code != 0 { throw ExitCode(code) }
    }
}
