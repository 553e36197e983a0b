import Foundation
import HookctlCore
import Hummingbird
import Synchronization
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// SIGTERM while a send is in flight to a receiver that does not answer: the runner waits `--shutdown-timeout`,
/// cuts the send off, hands its delivery back to the queue (due at once, no attempt counted) and exits.
@Suite("hookctl run, stopped with a send in flight")
struct RunProcessShutdownTests {
    @Test func aSendCutOffAtTheShutdownDeadlineIsHandedBackDueNow() async throws {
        let binary = try #require(ApplyKilledProcessTests.builtExecutable("hookctl"), "build hookctl first")
        try await withReceiver(routes: { router, _ in
            router.post("/in") { _, _ -> Response in
                try await Task.sleep(for: .seconds(120))
                return Response(status: .ok)
            }
        }) { receiver in
            let workspace = try Workspace()
            // The webhook's timeout (30 s, the most there is) is far beyond the shutdown deadline: a runner that
            // waited for the send would still be running, and the delivery still leased to it, long after.
            try workspace.write(
                "webhooks.d/loopback.yaml", TestCommandTests.declaration(port: receiver.port) + "\ntimeout: 30s\n")
            let store = "sqlite:\(workspace.path)/state.db"
            var environment = TestCommandTests.environment
            environment["HOOKCTL_STORE_KEY"] = PlanWorkspace.key
            environment["HOOKCTL_INGEST_TOKEN"] = RunProcessTests.token
            let runs = RunProcessTests()
            try await runs.applyDeclarations(in: workspace, store: store, environment: environment, allow: receiver)
            let (process, lines, _) = try await runs.startRunner(
                binary, in: workspace, store: store, environment: environment,
                arguments: ["--allow-target", receiver.allowTarget, "--shutdown-timeout", "200ms"])
            defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

            let (emitTerminal, _, emitErr) = Terminal.capturing(environment: environment)
            var emitOptions = EmitOptions()
            (emitOptions.trigger, emitOptions.store, emitOptions.currentDirectory) = (.created, store, workspace.path)
            #expect(await emit(emitOptions, terminal: emitTerminal) == 0, "\(emitErr.text)")
            try await eventually("the receiver has the request") { receiver.log.count(path: "/in") == 1 }

            kill(process.processIdentifier, SIGTERM)
            try await eventually("the runner stopped", attempts: 600) { !process.isRunning }
            #expect(process.terminationStatus == 0, "\(lines.all)")
            #expect(lines.all.contains("shutdown timeout reached"), "\(lines.all)")
            #expect(lines.all.contains("send cut off by shutdown; handed back"), "\(lines.all)")

            let (queueTerminal, queue, _) = Terminal.capturing(environment: environment)
            #expect(
                await showQueue(
                    StoreCommandOptions(store: store, currentDirectory: workspace.path), terminal: queueTerminal)
                    == 0)
            let row = try #require(queue.text.split(separator: "\n").first { $0.hasPrefix("loopback") })
            let columns = row.split(separator: " ", omittingEmptySubsequences: true)
            // loopback ● active PENDING DUE IN-FLIGHT OLDEST-DUE FAILURES
            #expect(columns.count >= 6 && columns[3] == "1" && columns[4] == "1" && columns[5] == "0", "\(queue.text)")
            let (historyTerminal, history, _) = Terminal.capturing(environment: environment)
            #expect(
                await showHistory(
                    HistoryOptions(webhook: "loopback", store: store, currentDirectory: workspace.path),
                    terminal: historyTerminal) == 0)
            #expect(
                history.text.split(separator: "\n").count <= 1,
                "no attempt recorded for the cut-off send: \(history.text)")
        }
    }
}
