import ArgumentParser

/// The options `plan` and `apply` share: which store and set, the mass-delete guard, local allow-listed targets
/// and environment files.
struct PlanningOptions: ParsableArguments {
    @Option(help: storeHelp)
    var store: String?

    @Option(name: .customLong("set"), help: "The managed-by set id (default: derived from the git repository).")
    var setName: String?

    @Flag(help: "Allow deleting more than half, or all, of the managed webhooks.")
    var allowMassDelete = false

    @OptionGroup var allow: AllowTargetOptions

    @Option(
        name: .customLong("env-file"),
        help: "A NAME=value file for ${env:…} references; the process environment wins (repeatable).")
    var environmentFiles: [String] = []
}
