import ArgumentParser
import HookctlCore

/// `--allow-target HOST:PORT` (repeatable), for every command that checks or reaches receivers.
struct AllowTargetOptions: ParsableArguments {
    @Option(
        name: .customLong("allow-target"),
        help: "HOST:PORT exempt from the address and port rules, http allowed; local testing only (repeatable).")
    var entries: [String] = []

    var allowTargets: AllowTargets { AllowTargets(entries) }
}

/// How `test` and `run` reach receivers: allow-listed local targets and extra trusted CAs.
struct ReceiverOptions: ParsableArguments {
    @OptionGroup var allow: AllowTargetOptions

    @Option(name: .customLong("ca-file"), help: "A PEM file of extra trusted CAs (default: $HOOKCTL_CA_FILE).")
    var caFile: String?
}
