import AccessEvents
import AsyncHTTPClient
import Foundation
import HookctlCore
import JSON
import NIOCore
import Synchronization
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A real `hookctl run` process: applied webhooks, events in over HTTP and from `hookctl emit`, deliveries to a real
/// receiver, history, and a graceful stop on SIGTERM.
@Suite("hookctl run, as a process")
struct RunProcessTests {
    static let token = "process-test-ingest-token-0123456789"

    /// Lines a process writes to standard error, gathered as they come.
    final class Lines: Sendable {
        private let text = Mutex("")
        func append(_ data: Data) { text.withLock { $0 += String(decoding: data, as: UTF8.self) } }
        var all: String { text.withLock { $0 } }
    }

    /// Starts `hookctl run` on a free loopback port and waits until its intake listens; with `shell`, a shell runs
    /// that command first and then becomes the runner (same process id).
    func startRunner(
        _ binary: String, in workspace: Workspace, store: String, environment: [String: String],
        arguments: [String], shell: String? = nil
    ) async throws -> (process: Process, log: Lines, url: String) {
        let process = Process()
        let run = ["run", "--listen", "127.0.0.1:0", "--store", store] + arguments
        if let shell {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", #"\#(shell) && exec "$0" "$@""#, binary] + run
        } else {
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = run
        }
        process.currentDirectoryURL = workspace.root
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let errors = Pipe()
        let lines = Lines()
        errors.fileHandleForReading.readabilityHandler = { lines.append($0.availableData) }
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        try await eventually("the intake listens") { lines.all.contains("intake listening") || !process.isRunning }
        let url = try #require(lines.all.firstMatch(of: /url=(http:\/\/127\.0\.0\.1:\d+)/)?.1, "\(lines.all)")
        return (process, lines, String(url))
    }

    /// Applies the workspace's `webhooks.d` to `store`, with the receiver allow-listed.
    func applyDeclarations(
        in workspace: Workspace, store: String, environment: [String: String], allow receiver: Receiver
    ) async throws {
        let (terminal, _, err) = Terminal.capturing(environment: environment)
        var apply = ApplyOptions(store: store, setName: "repo", autoApprove: true)
        apply.currentDirectory = workspace.path
        apply.allowTargets = AllowTargets([receiver.allowTarget])
        #expect(await HookctlCore.apply(apply, terminal: terminal) == ApplyExit.applied, "\(err.text)")
    }

    /// A Created event about access request `id`.
    static func event(_ id: String) throws -> JSONValue {
        guard case .object(var event) = EventSamples.sample(for: .created), case .object(var data)? = event["data"]
        else { throw RunnerTestError() }
        data["id"] = .string(id)
        event["data"] = .object(data)
        return .object(event)
    }

    struct RunnerTestError: Error {}

    @Test func aRunnerKilledMidLoadLosesNothingAcceptedWhenRestarted() async throws {
        let binary = try #require(ApplyKilledProcessTests.builtExecutable("hookctl"), "build hookctl first")
        try await withReceiver(answering: CannedResponse()) { receiver in
            let workspace = try Workspace()
            for name in ["a", "b"] {
                try workspace.write(
                    "webhooks.d/\(name).yaml",
                    """
                    name: \(name)
                    method: POST
                    url: http://127.0.0.1:\(receiver.port)/\(name)
                    triggers: [Created]
                    body: '{"id": "{{data.id}}"}'
                    """)
            }
            let store = "sqlite:\(workspace.path)/state.db"
            let environment = ["HOOKCTL_STORE_KEY": PlanWorkspace.key, "HOOKCTL_INGEST_TOKEN": Self.token]
            try await applyDeclarations(in: workspace, store: store, environment: environment, allow: receiver)

            let arguments = ["--allow-target", receiver.allowTarget, "--lease", "1s", "--concurrency", "16"]
            let first = try await startRunner(
                binary, in: workspace, store: store, environment: environment, arguments: arguments)
            defer { if first.process.isRunning { kill(first.process.processIdentifier, SIGKILL) } }
            let events = 1_000
            for batch in 0..<(events / 100) {
                let items = try (0..<100).map { try Self.event("AR-\(batch * 100 + $0)") }
                var request = HTTPClientRequest(url: "\(first.url)/v1/events/batch")
                request.method = .POST
                request.headers.add(name: "Authorization", value: "Bearer \(Self.token)")
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(bytes: JSONValue.array(items).serialized()))
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
                let body = try JSONValue(
                    parsing: Array(try await response.body.collect(upTo: 1 << 20).readableBytesView))
                #expect(response.status.code == 202)
                #expect(body["accepted"] == 100, "\(body)")
            }
            try await eventually("some deliveries were made") { receiver.log.all.count >= 200 }
            kill(first.process.processIdentifier, SIGKILL)
            first.process.waitUntilExit()
            #expect(first.process.terminationReason == .uncaughtSignal)
            let beforeRestart = receiver.log.all.count
            #expect(beforeRestart < events * 2, "the kill came mid-load")

            let second = try await startRunner(
                binary, in: workspace, store: store, environment: environment, arguments: arguments)
            defer { if second.process.isRunning { kill(second.process.processIdentifier, SIGKILL) } }
            func delivered() -> Set<String> { Set(receiver.log.all.map { "\($0.path) \($0.bodyText)" }) }
            try await eventually("every accepted event reached both webhooks", attempts: 1_500) {
                delivered().count == events * 2
            }
            let duplicates = receiver.log.all.count - delivered().count
            #expect(duplicates <= 16 + 256, "duplicates are bounded by what was in flight or not yet recorded")

            kill(second.process.processIdentifier, SIGTERM)
            try await eventually("the runner stopped") { !second.process.isRunning }
            #expect(second.process.terminationStatus == 0, "\(second.log.all)")
            let (historyTerminal, history, _) = Terminal.capturing(environment: environment)
            var query = HistoryOptions(status: "success", format: .json, store: store, currentDirectory: workspace.path)
            query.limit = 10_000
            #expect(await showHistory(query, terminal: historyTerminal) == 0)
            let recorded = try JSONValue(parsing: history.text)["invocations"]
            guard case .array(let invocations)? = recorded else {
                Issue.record("no history")
                return
            }
            let pairs = Set(
                invocations.compactMap { item -> String? in
                    guard let webhook = item["webhook"]?.stringValue, let event = item["event_id"]?.stringValue else {
                        return nil
                    }
                    return webhook + " " + event
                })
            #expect(pairs.count == events * 2, "every delivery has a recorded successful attempt")
        }
    }

    @Test func runDeliversEventsFromTheIntakeAndFromEmitThenStopsOnSIGTERM() async throws {
        let binary = try #require(ApplyKilledProcessTests.builtExecutable("hookctl"), "build hookctl first")
        try await withReceiver(answering: CannedResponse()) { receiver in
            let workspace = try Workspace()
            try workspace.write("webhooks.d/loopback.yaml", TestCommandTests.declaration(port: receiver.port))
            let store = "sqlite:\(workspace.path)/state.db"
            var environment = TestCommandTests.environment
            environment["HOOKCTL_STORE_KEY"] = PlanWorkspace.key
            environment["HOOKCTL_INGEST_TOKEN"] = Self.token
            try await applyDeclarations(in: workspace, store: store, environment: environment, allow: receiver)

            let (process, lines, url) = try await startRunner(
                binary, in: workspace, store: store, environment: environment,
                arguments: ["--allow-target", receiver.allowTarget, "--shutdown-timeout", "5s"])
            defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
            #expect(lines.all.contains("active_webhooks=1"))
            #expect(!lines.all.contains(Self.token), "the token is never logged")

            var request = HTTPClientRequest(url: "\(url)/v1/events")
            request.method = .POST
            request.headers.add(name: "Authorization", value: "Bearer \(Self.token)")
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: EventSamples.sample(for: .approved).serialized()))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            let body = String(buffer: try await response.body.collect(upTo: 1 << 16))
            #expect(response.status.code == 202, "\(body)")

            let (emitTerminal, emitted, emitErr) = Terminal.capturing(environment: environment)
            var emitOptions = EmitOptions()
            (emitOptions.trigger, emitOptions.store, emitOptions.currentDirectory) = (.created, store, workspace.path)
            #expect(await emit(emitOptions, terminal: emitTerminal) == 0, "\(emitErr.text)")
            #expect(emitted.text.contains("\"duplicate\" : false"))

            try await eventually("both events reached the receiver") { receiver.log.count(path: "/in") == 2 }
            let bodies = receiver.log.all.map(\.bodyText).sorted()
            #expect(
                bodies == [
                    #"{"type": "AccessRequestApproved", "who": "User"}"#,
                    #"{"type": "AccessRequestCreated", "who": "User"}"#,
                ])
            #expect(receiver.log.all.allSatisfy { $0.headers["authorization"] == "Bearer tok-very-secret" })
            #expect(receiver.log.all.allSatisfy { $0.headers["webhook-signature"]?.hasPrefix("v1,") == true })

            // Redelivery: the Approved event once more, with its webhook-id, recorded with trigger Redelivery.
            let (listTerminal, listed, _) = Terminal.capturing(environment: environment)
            var approved = HistoryOptions(format: .json, store: store, currentDirectory: workspace.path)
            approved.trigger = "Approved"
            #expect(await showHistory(approved, terminal: listTerminal) == 0)
            let original = try #require(try JSONValue(parsing: listed.text)["invocations"]?[0]?["id"]?.stringValue)
            var again = RedeliverOptions()
            (again.invocationID, again.store, again.currentDirectory) = (original, store, workspace.path)
            let (redeliverTerminal, redelivered, redeliverErr) = Terminal.capturing(environment: environment)
            #expect(await redeliver(again, terminal: redeliverTerminal) == 0, "\(redeliverErr.text)")
            #expect(redelivered.text.hasPrefix("Queued dlv_"))
            try await eventually("the redelivery arrived") { receiver.log.count(path: "/in") == 3 }
            let ids = receiver.log.all.compactMap { $0.headers["webhook-id"] }
            #expect(ids.count == 3 && Set(ids).count == 2, "a redelivery keeps its event's webhook-id: \(ids)")
            var redeliveries = HistoryOptions(store: store, currentDirectory: workspace.path)
            redeliveries.trigger = "Redelivery"
            let (rTerminal, rOut, _) = Terminal.capturing(environment: environment)
            try await eventually("the redelivery is recorded") {
                _ = await showHistory(redeliveries, terminal: rTerminal)
                return rOut.text.contains("Redelivery") && rOut.text.contains("Success")
            }
            // The process bootstrapped its metrics: /metrics counts the three deliveries, without a token.
            try await eventually("/metrics counts the deliveries") {
                let metrics = try await HTTPClient.shared.execute(
                    HTTPClientRequest(url: "\(url)/metrics"), timeout: .seconds(10))
                let text = String(buffer: try await metrics.body.collect(upTo: 1 << 20))
                return metrics.status.code == 200
                    && text.contains(#"hookctl_delivery_attempts_total{webhook="loopback",outcome="delivered"} 3"#)
            }
            let (queueTerminal, queue, _) = Terminal.capturing(environment: environment)
            #expect(
                await showQueue(
                    StoreCommandOptions(store: store, currentDirectory: workspace.path), terminal: queueTerminal)
                    == 0)
            #expect(queue.text.hasPrefix("WEBHOOK"))
            #expect(queue.text.contains("loopback  ● active"))

            kill(process.processIdentifier, SIGTERM)
            try await eventually("the runner stopped") { !process.isRunning }
            #expect(process.terminationStatus == 0, "\(lines.all)")
            #expect(lines.all.contains("runner stopped"))

            let (historyTerminal, history, _) = Terminal.capturing(environment: environment)
            #expect(
                await showHistory(
                    HistoryOptions(webhook: "loopback", store: store, currentDirectory: workspace.path),
                    terminal: historyTerminal) == 0)
            let rows = history.text.split(separator: "\n").dropFirst()
            #expect(rows.count == 3, "two deliveries and one redelivery: \(history.text)")
            #expect(rows.allSatisfy { $0.contains("Success") })
            #expect(!history.text.contains("tok-very-secret"))
        }
    }
}
