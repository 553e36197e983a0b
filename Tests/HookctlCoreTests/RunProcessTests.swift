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

    @Test func runDeliversEventsFromTheIntakeAndFromEmitThenStopsOnSIGTERM() async throws {
        let binary = try #require(ApplyKilledProcessTests.builtExecutable("hookctl"), "build hookctl first")
        try await withReceiver(answering: CannedResponse()) { receiver in
            let workspace = try Workspace()
            try workspace.write("webhooks.d/loopback.yaml", TestCommandTests.declaration(port: receiver.port))
            let store = "sqlite:\(workspace.path)/state.db"
            var environment = TestCommandTests.environment
            environment["HOOKCTL_STORE_KEY"] = PlanWorkspace.key
            environment["HOOKCTL_INGEST_TOKEN"] = Self.token
            let (applyTerminal, _, applyErr) = Terminal.capturing(environment: environment)
            var apply = ApplyOptions(store: store, setName: "repo", autoApprove: true)
            apply.currentDirectory = workspace.path
            apply.allowTargets = AllowTargets([receiver.allowTarget])
            #expect(await HookctlCore.apply(apply, terminal: applyTerminal) == ApplyExit.applied, "\(applyErr.text)")

            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = [
                "run", "--listen", "127.0.0.1:0", "--store", store, "--allow-target", receiver.allowTarget,
                "--shutdown-timeout", "5s",
            ]
            process.currentDirectoryURL = workspace.root
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            let errors = Pipe()
            let lines = Lines()
            errors.fileHandleForReading.readabilityHandler = { lines.append($0.availableData) }
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

            try await eventually("the intake listens") { lines.all.contains("intake listening") }
            let url = try #require(lines.all.firstMatch(of: /url=(http:\/\/127\.0\.0\.1:\d+)/)?.1)
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
            #expect(rows.count == 2, "\(history.text)")
            #expect(rows.allSatisfy { $0.contains("Success") })
            #expect(!history.text.contains("tok-very-secret"))
        }
    }
}
