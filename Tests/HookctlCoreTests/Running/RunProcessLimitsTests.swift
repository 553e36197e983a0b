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

/// `--max-connections` below 1 is bad usage, said before anything is opened.
@Test func aMaxConnectionsBelowOneIsRefused() async throws {
    var options = RunOptions()
    options.maxConnections = 0
    let (terminal, _, err) = Terminal.capturing(environment: [:])
    let code = await HookctlCore.run(options, terminal: terminal, signals: false)
    #expect(code == RunExit.usage)
    #expect(err.text.contains("--max-connections"), "\(err.text)")
}
