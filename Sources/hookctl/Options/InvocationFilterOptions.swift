import ArgumentParser

/// `--status` and `--since`, for `history` and `redeliver`.
struct InvocationFilterOptions: ParsableArguments {
    @Option(help: "success or failure.")
    var status: String?

    @Option(help: "How far back, e.g. 1h, 24h or 7d.")
    var since: String?
}
