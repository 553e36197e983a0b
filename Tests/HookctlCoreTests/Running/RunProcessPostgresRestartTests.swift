import AsyncHTTPClient
import Foundation
import HookctlCore
import Hummingbird
import JSON
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// PostgreSQL stopped for a second and started again (`pg_ctl stop -m fast`, then `start`) under a running
/// `hookctl run`: its own throwaway cluster, so the other PostgreSQL tests' server is not disturbed.
@Suite("hookctl run on PostgreSQL, restarted", .enabled(if: PostgresServer.enabled, PostgresServer.skipped))
struct RunProcessPostgresRestartTests {
    /// Events about access requests `AR-{from}`… , Created only.
    static func events(_ prefix: String, _ count: Int) throws -> [JSONValue] {
        try (0..<count).map { try RunProcessTests.event("\(prefix)-\($0)") }
    }

    @Test func aRestartUnderARunningRunnerLosesNothingAndRecordsEachAttemptOnce() async throws {
        let binary = try #require(ApplyKilledProcessTests.builtExecutable("hookctl"), "build hookctl first")
        let cluster = try await PostgresCluster.start()
        do {
            try await restartUnderARunner(binary, cluster)
        } catch {
            try? await cluster.stop()
            throw error
        }
        try await cluster.stop()
    }

    func restartUnderARunner(_ binary: String, _ cluster: PostgresCluster) async throws {
        // Each request is held 20 ms, so sends are in flight when the server goes away.
        try await withReceiver(routes: { router, _ in
            router.post("/slow") { _, _ -> Response in
                try await Task.sleep(for: .milliseconds(20))
                return Response(status: .ok)
            }
        }) { receiver in
            let workspace = try Workspace()
            try workspace.write(
                "webhooks.d/slow.yaml",
                """
                name: slow
                method: POST
                url: http://127.0.0.1:\(receiver.port)/slow
                triggers: [Created]
                retry:
                  max_attempts: 10
                  schedule: [1s]
                body: '{"id": "{{data.id}}"}'
                """)
            let store = cluster.url
            let environment = ["HOOKCTL_STORE_KEY": PlanWorkspace.key, "HOOKCTL_INGEST_TOKEN": RunProcessTests.token]
            let runs = RunProcessTests()
            try await runs.applyDeclarations(in: workspace, store: store, environment: environment, allow: receiver)
            // The lease outlasts the outage: what was sent meanwhile is recorded by this runner, not sent again.
            let arguments = ["--allow-target", receiver.allowTarget, "--lease", "60s", "--concurrency", "2"]
            let runner = try await runs.startRunner(
                binary, in: workspace, store: store, environment: environment, arguments: arguments)
            // Its exit is learnt from the kernel: a PostgreSQL server the test started holds Foundation's watch open.
            let runnerExit = ExitWatch(runner.process)
            defer { if !runnerExit.hasExited { kill(runner.process.processIdentifier, SIGKILL) } }
            let producer = RunProcessPostgresTests()

            // Before: 1,500 events, at least 15 s of sending two at a time at 20 ms each, so the outage (which a loaded
            // machine takes a second or two to bring about) comes while the runner still has deliveries to send and
            // record: the intake takes them in half that even on a loaded machine, where the sends slow down too.
            // (With eight at a time, a busy machine's intake was the slower one: the runner had sent everything and
            // sat idle when the server went away, and saw no outage.)
            for batch in 0..<15 { try await producer.post(try Self.events("before-\(batch)", 100), to: runner.url) }
            try await eventually("deliveries are under way") { receiver.log.all.count >= 100 }
            #expect(receiver.log.all.count < 1_200, "the restart comes mid-load")

            // During: the server restarts while a producer keeps posting (it retries on 503, as a real one would).
            try await withThrowingTaskGroup(of: Void.self) { group in
                // Down for a second: long enough that the runner's claims and commits, a few milliseconds apart
                // under this load, are certain to meet it (a bare restart can fall between two of them).
                group.addTask { try await cluster.restart(down: .seconds(1)) }
                group.addTask {
                    for batch in 0..<20 {
                        try await producer.post(try Self.events("during-\(batch)", 10), to: runner.url)
                    }
                }
                try await group.waitForAll()
            }
            // After.
            for batch in 0..<2 { try await producer.post(try Self.events("after-\(batch)", 100), to: runner.url) }
            let expected = 1_500 + 200 + 200

            func delivered() -> Set<String> {
                Set(receiver.log.all.compactMap { try? JSONValue(parsing: Array($0.body))["id"]?.stringValue })
            }
            try await eventually("every accepted event was delivered", attempts: 3_000) {
                delivered().count == expected
            }
            #expect(!runnerExit.hasExited, "the runner lived through the restart: \(runner.log.all)")
            // The outage came while the runner ran: its notification listener's connection is always cut. Its
            // workers log it only if one of their calls fails within the second the server is down; on a loaded
            // machine their calls can instead wait through it (`StoreOutageTests` covers that log).
            let log = runner.log.all
            #expect(
                log.contains("the store is unreachable") || log.contains("cannot listen for store notifications"),
                "the runner saw the outage")
            #expect(
                log.contains("the store is reachable again") || log.contains("listening for store notifications again"),
                "and its end")

            kill(runner.process.processIdentifier, SIGTERM)
            try await eventually("the runner stopped", attempts: 1_500) { runnerExit.hasExited }
            #expect(runnerExit.exitStatus == 0, "\(runner.log.all)")

            let (historyTerminal, history, errors) = Terminal.capturing(environment: environment)
            var query = HistoryOptions(format: .json, store: store, currentDirectory: workspace.path)
            query.limit = 100_000
            #expect(await showHistory(query, terminal: historyTerminal) == 0, "\(errors.text)")
            guard case .array(let invocations)? = try JSONValue(parsing: history.text)["invocations"] else {
                Issue.record("no history: \(history.text)")
                return
            }
            let ids = invocations.compactMap { $0["id"]?.stringValue }
            #expect(Set(ids).count == invocations.count, "every attempt is recorded once")
            let attempts = invocations.compactMap { item -> String? in
                guard let event = item["event_id"]?.stringValue, let attempt = item["attempt"]?.numberValue else {
                    return nil
                }
                return "\(event) \(attempt)"
            }
            #expect(Set(attempts).count == invocations.count, "no attempt of a delivery is recorded twice")
            let succeeded = Set(
                invocations.filter { $0["status"]?.stringValue == "Success" }.compactMap { $0["event_id"]?.stringValue }
            )
            #expect(succeeded.count == expected, "every delivery has its successful attempt recorded")
            // Every request the receiver got is one recorded attempt: none sent during the outage went unrecorded,
            // none was recorded twice.
            #expect(receiver.log.all.count == invocations.count, "requests received = attempts recorded")
        }
    }
}
