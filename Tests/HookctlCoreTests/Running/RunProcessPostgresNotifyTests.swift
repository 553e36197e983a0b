import AsyncHTTPClient
import Foundation
import HookctlCore
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A runner on PostgreSQL wakes on `LISTEN/NOTIFY`: an event queued elsewhere is delivered at once, not at the next
/// poll.
@Suite(
    "hookctl run on PostgreSQL, woken by notifications", .enabled(if: PostgresServer.enabled, PostgresServer.skipped))
struct RunProcessPostgresNotifyTests {
    @Test func anEventQueuedByAnotherProcessWakesARunnerThatAlmostNeverPolls() async throws {
        let binary = try #require(ApplyKilledProcessTests.builtExecutable("hookctl"), "build hookctl first")
        try await withReceiver(answering: CannedResponse()) { receiver in
            let workspace = try Workspace()
            try workspace.write(
                "webhooks.d/loopback.yaml",
                """
                name: loopback
                method: POST
                url: http://127.0.0.1:\(receiver.port)/hook
                triggers: [Created]
                body: '{"id": "{{data.id}}"}'
                """)
            let store = try await PostgresServer.freshURL()
            let environment = ["HOOKCTL_STORE_KEY": PlanWorkspace.key, "HOOKCTL_INGEST_TOKEN": RunProcessTests.token]
            let runs = RunProcessTests()
            try await runs.applyDeclarations(in: workspace, store: store, environment: environment, allow: receiver)
            // Polling once an hour: only a notification can make this runner look for the event in time.
            let runner = try await runs.startRunner(
                binary, in: workspace, store: store, environment: environment,
                arguments: ["--allow-target", receiver.allowTarget, "--poll-interval", "1h"])
            // Its exit is learnt from the kernel: a PostgreSQL server the test started holds Foundation's watch open.
            let runnerExit = ExitWatch(runner.process)
            defer { if !runnerExit.hasExited { kill(runner.process.processIdentifier, SIGKILL) } }
            try await eventually("the runner listens") { runner.log.all.contains("listening for store notifications") }

            // `hookctl emit` queues through the store, not the runner's intake: nothing in the runner signals.
            let (terminal, _, errors) = Terminal.capturing(environment: environment)
            var emit = EmitOptions()
            emit.store = store
            emit.currentDirectory = workspace.path
            #expect(await HookctlCore.emit(emit, terminal: terminal) == 0, "\(errors.text)")

            try await eventually("the notification woke the runner, which delivered the event", attempts: 600) {
                receiver.log.all.count == 1
            }
            let metrics = try await HTTPClient.shared.execute(
                HTTPClientRequest(url: "\(runner.url)/metrics"), timeout: .seconds(10))
            let text = String(buffer: try await metrics.body.collect(upTo: 1 << 20))
            #expect(text.contains(#"hookctl_store_notifications_total{channel="events"}"#), "\(text)")
            #expect(text.contains("hookctl_store_reachable 1"), "\(text)")
            #expect(text.contains("hookctl_deliveries_leased{owner="), "\(text)")

            kill(runner.process.processIdentifier, SIGTERM)
            try await eventually("the runner stopped", attempts: 1_500) { runnerExit.hasExited }
            #expect(runnerExit.exitStatus == 0, "\(runner.log.all)")
        }
    }
}
