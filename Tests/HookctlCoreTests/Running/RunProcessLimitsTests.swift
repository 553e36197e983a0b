import Foundation
import HookctlCore
import TestSupport
import Testing

#if os(Linux)
    import Glibc

    /// `hookctl run` started with a low soft limit on open files (a shell's `ulimit -Sn 256`) raises it to the hard
    /// limit, so its sends, pooled connections and intake clients are not capped by the system's default.
    @Suite("hookctl run, its open-file limit")
    struct RunProcessLimitsTests {
        /// A runner on a fresh SQLite store in `workspace`, started through `shell` (which sets its limits).
        static func startRunner(
            _ binary: String, in workspace: Workspace, shell: String
        ) async throws -> (Process, RunProcessTests.Lines) {
            var environment = TestCommandTests.environment
            environment["HOOKCTL_STORE_KEY"] = PlanWorkspace.key
            environment["HOOKCTL_INGEST_TOKEN"] = RunProcessTests.token
            let (process, lines, _) = try await RunProcessTests().startRunner(
                binary, in: workspace, store: "sqlite:\(workspace.path)/state.db", environment: environment,
                arguments: [], shell: shell)
            return (process, lines)
        }

        @Test func theSoftLimitOnOpenFilesIsRaisedToTheHardLimit() async throws {
            let binary = try #require(ApplyKilledProcessTests.builtExecutable("hookctl"), "build hookctl first")
            var hard = rlimit()
            try #require(getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &hard) == 0)
            try #require(hard.rlim_max > 256, "a hard limit above the 256 the test starts with")
            let workspace = try Workspace()
            let (process, lines) = try await Self.startRunner(binary, in: workspace, shell: "ulimit -Sn 256")
            defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

            let limits = try String(contentsOfFile: "/proc/\(process.processIdentifier)/limits", encoding: .utf8)
            let row = try #require(limits.split(separator: "\n").first { $0.hasPrefix("Max open files") }, "\(limits)")
            let numbers = row.split(separator: " ").compactMap { UInt64($0) }
            #expect(numbers == [UInt64(hard.rlim_max), UInt64(hard.rlim_max)], "soft raised to hard: \(row)")
            #expect(lines.all.contains("open_files_limit=\(hard.rlim_max)"), "\(lines.all)")

            kill(process.processIdentifier, SIGTERM)
            try await eventually("the runner stopped", attempts: 600) { !process.isRunning }
            #expect(process.terminationStatus == 0, "\(lines.all)")
        }

        /// A hard limit below what `--concurrency` and `--max-connections` may hold (256 + 1,024 + 128) is said at
        /// start, with the fix; the runner runs on.
        @Test func aHardLimitBelowWhatTheFlagsMayHoldIsWarnedOf() async throws {
            let binary = try #require(ApplyKilledProcessTests.builtExecutable("hookctl"), "build hookctl first")
            let workspace = try Workspace()
            let (process, lines) = try await Self.startRunner(binary, in: workspace, shell: "ulimit -n 512")
            defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
            #expect(lines.all.contains("max_connections=1024"), "\(lines.all)")
            #expect(
                lines.all.contains("open files limit is below what --concurrency and --max-connections may hold"),
                "\(lines.all)")
            #expect(lines.all.contains("wanted=1408"), "\(lines.all)")

            kill(process.processIdentifier, SIGTERM)
            try await eventually("the runner stopped", attempts: 600) { !process.isRunning }
            #expect(process.terminationStatus == 0, "\(lines.all)")
        }
    }
#endif

/// A count or a duration out of range is bad usage, said before anything is opened: a count below 1 or so large
/// that sizing the queues from it would overflow, a lease under a second, a poll interval of nothing.
@Test(arguments: [
    ("--max-connections", "0", "error: --max-connections is 0; it must be from 1 to 1048576\n"),
    (
        "--concurrency", "5000000000000000000",
        "error: --concurrency is 5000000000000000000; it must be from 1 to 1048576\n"
    ),
    ("--per-host-limit", "-3", "error: --per-host-limit is -3; it must be from 1 to 1048576\n"),
    ("--disable-after", "0", "error: --disable-after is 0; it must be at least 1\n"),
    ("--lease", "500ms", "error: --lease 500ms is too short: at least 1s (a lease is extended every third of it)\n"),
    ("--poll-interval", "0s", "error: --poll-interval 0s is too short: at least 10ms (the workers would spin)\n"),
    (
        "--lease", "soon",
        "error: --lease \"soon\" is not a duration; write a whole number with a unit ms, s, m, h or d, e.g. 10s, 1500ms, 5m, 1h30m (units largest first, each once)\n"
    ),
])
func anOutOfRangeFlagIsRefused(flag: String, value: String, message: String) async throws {
    var options = RunOptions()
    switch flag {
    case "--max-connections": options.maxConnections = try #require(Int(value))
    case "--concurrency": options.concurrency = try #require(Int(value))
    case "--per-host-limit": options.perHostLimit = try #require(Int(value))
    case "--disable-after": options.disableAfterFailures = try #require(Int(value))
    case "--lease": options.lease = value
    default: options.pollInterval = value
    }
    let (terminal, _, err) = Terminal.capturing(environment: [:])
    let code = await HookctlCore.run(options, terminal: terminal, signals: false)
    #expect(code == RunExit.usage)
    #expect(err.text == message)
}
