import AccessEvents
import Foundation
import HookctlCore
import TestSupport
import Testing

extension Workspace {
    /// Writes the declaration `yaml` to `webhooks.d/hook.yaml`.
    func declare(_ yaml: String) throws { try write("webhooks.d/hook.yaml", yaml) }
}

@Suite("hookctl test")
struct TestCommandTests {
    static let signingSecret = "whsec_" + Data(repeating: 9, count: 32).base64EncodedString()

    static func declaration(port: Int) -> String {
        """
        name: loopback
        method: POST
        url: http://127.0.0.1:\(port)/in
        auth:
          type: bearer
          token: ${env:HOOK_TOKEN}
        signing:
          secret: ${env:HOOK_SIGNING}
        triggers: [Approved, Created]
        body: |
          {"type": "{{event_type}}", "who": "{{data.requester.name}}"}
        """
    }

    static let environment = ["HOOK_TOKEN": "tok-very-secret", "HOOK_SIGNING": signingSecret]

    func run(
        _ workspace: Workspace, port: Int, allow: Bool = true, environment: [String: String] = environment,
        store: String? = nil
    ) async -> (code: Int32, out: String, err: String) {
        let (terminal, out, err) = Terminal.capturing(environment: environment)
        let options = TestOptions(
            name: "loopback", store: store ?? "sqlite:\(workspace.path)/none.db",
            allowTargets: AllowTargets(allow ? ["127.0.0.1:\(port)"] : []), currentDirectory: workspace.path)
        let code = await testWebhook(options, terminal: terminal)
        return (code, out.text, err.text)
    }

    @Test func successPrintsTheWholeExchangeRedacted() async throws {
        try await withReceiver(answering: CannedResponse()) { receiver in
            let workspace = try Workspace()
            try workspace.declare(Self.declaration(port: receiver.port))
            let result = await run(workspace, port: receiver.port)
            #expect(result.code == TestExit.success, "\(result.out)\n\(result.err)")
            #expect(result.out.hasPrefix("✓ Success: HTTP 200 in "))
            #expect(result.out.contains("trigger Test"))
            #expect(result.out.contains("> POST http://127.0.0.1:\(receiver.port)/in\n"))
            #expect(result.out.contains("> Authorization: Bearer [redacted]\n"))
            #expect(result.out.contains("> webhook-signature: v1,"))
            #expect(result.out.contains(#"> {"type": "AccessRequestApproved", "who": "User"}"#))
            #expect(result.out.contains("< HTTP 200\n"))
            #expect(result.out.contains("< X-Receiver: loopback\n"))
            #expect(result.out.contains(#"< {"ok":true}"#))
            #expect(!result.out.contains("tok-very-secret") && !result.err.contains("tok-very-secret"))
            #expect(result.err.contains("warning: --allow-target exempts 127.0.0.1:\(receiver.port)"))
            let received = try #require(receiver.log.all.first)
            #expect(received.headers["authorization"] == "Bearer tok-very-secret")
            #expect(!FileManager.default.fileExists(atPath: workspace.path + "/none.db"))
        }
    }

    @Test func failingReceiverExitsOneWithTheResponse() async throws {
        let down = CannedResponse(status: 503, reason: "Service Unavailable", body: "down for maintenance")
        try await withReceiver(answering: down) { receiver in
            let workspace = try Workspace()
            try workspace.declare(Self.declaration(port: receiver.port))
            let result = await run(workspace, port: receiver.port)
            #expect(result.code == TestExit.failure)
            #expect(result.out.hasPrefix("✗ Failure: HTTP 503 Service Unavailable"))
            #expect(result.out.contains("< down for maintenance\n"))
        }
    }

    @Test func withoutAllowTargetTheDeclarationIsRefused() async throws {
        let workspace = try Workspace()
        try workspace.declare(Self.declaration(port: 9))
        let result = await run(workspace, port: 9, allow: false)
        #expect(result.code == TestExit.failure)
        #expect(result.err.contains("no valid webhook named \"loopback\""))
        #expect(result.err.contains("url.scheme") || result.err.contains("scheme"))
    }

    @Test func missingSecretIsReportedAtItsPosition() async throws {
        let workspace = try Workspace()
        try workspace.declare(Self.declaration(port: 9))
        let result = await run(workspace, port: 9, environment: ["HOOK_SIGNING": Self.signingSecret])
        #expect(result.code == TestExit.failure)
        #expect(result.err.contains("webhooks.d/hook.yaml:6:"))
        #expect(result.err.contains("HOOK_TOKEN is not set"))
    }

    @Test func eventFileIsSentAndBadRetentionIsUsage() async throws {
        try await withReceiver(answering: CannedResponse()) { receiver in
            let workspace = try Workspace()
            try workspace.declare(Self.declaration(port: receiver.port))
            let event = EventSamples.text(for: .expired)
            try workspace.write("event.json", event)
            let (terminal, out, err) = Terminal.capturing(environment: Self.environment)
            var options = TestOptions(
                name: "loopback", event: "event.json", store: "sqlite:\(workspace.path)/none.db",
                allowTargets: AllowTargets(["127.0.0.1:\(receiver.port)"]), currentDirectory: workspace.path)
            #expect(await testWebhook(options, terminal: terminal) == TestExit.success, "\(err.text)")
            #expect(out.text.contains(#"> {"type": "AccessRequestExpired", "who": "User"}"#))
            options.retention = "forever"
            let (usage, _, usageErr) = Terminal.capturing(environment: Self.environment)
            #expect(await testWebhook(options, terminal: usage) == TestExit.usage)
            #expect(usageErr.text.contains("--retention \"forever\" is not a duration"))
        }
    }

    @Test func httpsReceiverWithAPrivateCAIsTrustedOnlyWithCAFile() async throws {
        let pki = try await TestPKI.shared()
        let secure = CannedResponse(status: 202, reason: "Accepted", body: #"{"secure":true}"#)
        try await withReceiver(tls: pki.server, answering: secure) { receiver in
            let workspace = try Workspace()
            try workspace.declare(
                Self.declaration(port: receiver.port).replacingOccurrences(of: "url: http://", with: "url: https://"))
            var options = TestOptions(
                name: "loopback", store: "sqlite:\(workspace.path)/none.db",
                allowTargets: AllowTargets(["127.0.0.1:\(receiver.port)"]), currentDirectory: workspace.path)
            let (untrusted, untrustedOut, _) = Terminal.capturing(environment: Self.environment)
            #expect(await testWebhook(options, terminal: untrusted) == TestExit.failure)
            #expect(untrustedOut.text.contains("✗ Failure: TLS failure: the receiver's certificate is not trusted"))

            options.caFile = pki.caFile
            let (trusted, out, err) = Terminal.capturing(environment: Self.environment)
            #expect(await testWebhook(options, terminal: trusted) == TestExit.success, "\(out.text)\n\(err.text)")
            #expect(out.text.hasPrefix("✓ Success: HTTP 202"))
            #expect(out.text.contains(#"< {"secure":true}"#))

            let (viaEnvironment, envOut, _) = Terminal.capturing(
                environment: Self.environment.merging(["HOOKCTL_CA_FILE": pki.caFile]) { $1 })
            options.caFile = nil
            #expect(await testWebhook(options, terminal: viaEnvironment) == TestExit.success, "\(envOut.text)")

            options.caFile = workspace.path + "/missing.pem"
            let (missing, _, missingErr) = Terminal.capturing(environment: Self.environment)
            #expect(await testWebhook(options, terminal: missing) == TestExit.usage)
            #expect(missingErr.text.contains("--ca-file: cannot read CA file"))
        }
    }

    @Test func badAllowTargetIsUsage() async throws {
        let workspace = try Workspace()
        try workspace.declare(Self.declaration(port: 9))
        let (terminal, _, err) = Terminal.capturing(environment: ["HOOKCTL_ALLOW_TARGETS": "nonsense"])
        let code = await testWebhook(
            TestOptions(name: "loopback", currentDirectory: workspace.path), terminal: terminal)
        #expect(code == TestExit.usage)
        #expect(err.text.contains("\"nonsense\" is not HOST:PORT"))
    }
}
