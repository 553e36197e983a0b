import ArgumentParser
import HookctlCore

struct LintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check declarations and prove every body template renders to JSON for every event it can receive.",
        discussion: """
            Runs every validate check, then types each body template's paths against the event schema \
            (hookctl schema) and renders it for each of its triggers over the sample event and variants of it \
            (optional fields absent, nulls, empty and larger arrays, hostile strings, large numbers); every output \
            must parse as JSON. Findings inside a template point at the YAML file's line and column.

            Silence a rule for one webhook with a comment on the line above one of its keys:
              # hookctl-lint-ignore template.unknown-field

            \(CheckExit.table(strict: true).help)
            """
    )

    @Argument(help: "Declaration files or folders.")
    var paths: [String] = []

    @Option(help: "Output format: text, json, github (workflow annotations) or sarif (code scanning).")
    var format: OutputFormat = .text

    @Flag(help: "Fail on warnings too.")
    var strict = false

    @OptionGroup var allow: AllowTargetOptions

    func run() async throws {
        var options = LintOptions(paths: paths, format: format, strict: strict)
        options.allowTargets = allow.allowTargets
        let code = HookctlCore.lint(options, terminal: .standard())
        if code != 0 { throw ExitCode(code) }
    }
}
