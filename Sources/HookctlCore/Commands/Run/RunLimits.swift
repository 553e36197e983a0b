import WebhookModel

/// `run`'s durations, from their flags or their defaults, each within what the runner can work with.
struct RunDurations {
    var shutdownTimeout = Duration.seconds(10)
    var resolveTTL = Duration.seconds(60)
    var lease = Duration.seconds(300)
    var disableSpan = Duration.seconds(24 * 3600)
    var pollInterval = Duration.seconds(1)

    /// A flag's duration: its text, where it goes, and its least value with why (a lease is extended every third
    /// of it, so under a second it lapses between two extensions; polling without a pause spins on the store).
    private typealias Flag = (
        name: String, text: String?, value: WritableKeyPath<RunDurations, Duration>, least: Duration, why: String
    )

    /// The durations `options` give, or `nil` after saying on `terminal` which flag is wrong and what it takes.
    init?(_ options: RunOptions, terminal: Terminal) {
        let flags: [Flag] = [
            ("--shutdown-timeout", options.shutdownTimeout, \.shutdownTimeout, .zero, "0s stops at once"),
            ("--resolve-ttl", options.resolveTTL, \.resolveTTL, .zero, "0s checks every send"),
            ("--lease", options.lease, \.lease, .seconds(1), "a lease is extended every third of it"),
            ("--disable-span", options.disableSpan, \.disableSpan, .zero, "0s disables on the count alone"),
            ("--poll-interval", options.pollInterval, \.pollInterval, .milliseconds(10), "the workers would spin"),
        ]
        for flag in flags {
            guard let text = flag.text else { continue }
            guard let parsed = DurationText.parse(text) else {
                terminal.err.write(
                    "error: \(flag.name) \"\(text)\" is not a duration; write \(DurationText.acceptedForms)\n")
                return nil
            }
            guard parsed >= flag.least else {
                terminal.err.write(
                    "error: \(flag.name) \(text) is too short: at least \(DurationText.format(flag.least)) "
                        + "(\(flag.why))\n")
                return nil
            }
            self[keyPath: flag.value] = parsed
        }
    }
}

/// `run`'s counts: each at least 1, and the sizes at most `maximum`, far beyond any machine's open files (the
/// runner doubles some of them to size its queues).
enum RunCounts {
    static let maximum = 1 << 20

    /// Whether the counts in `options` are in range; if not, says which on `terminal`.
    static func check(_ options: RunOptions, terminal: Terminal) -> Bool {
        for (name, value, most) in [
            ("--concurrency", options.concurrency, maximum), ("--per-host-limit", options.perHostLimit, maximum),
            ("--max-connections", options.maxConnections, maximum),
            ("--disable-after", options.disableAfterFailures, Int.max),
        ] where !(1...most).contains(value) {
            let range = most == Int.max ? "at least 1" : "from 1 to \(most)"
            terminal.err.write("error: \(name) is \(value); it must be \(range)\n")
            return false
        }
        return true
    }
}
