import AsyncHTTPClient
import Foundation
import HookctlCore
import NIOCore
import TestSupport
import Testing

@Suite("hookctl receive")
struct ReceiveCommandTests {
    static let secret = TestCommandTests.signingSecret

    /// Runs `hookctl receive --listen 127.0.0.1:0` in-process (verifying with `--secret ${env:RECEIVE_SECRET}`)
    /// for the duration of `body`, which gets the bound port and what the receiver printed so far.
    func withReceive<T: Sendable>(
        secret: String? = "${env:RECEIVE_SECRET}", status: Int = 200,
        _ body: (Int, BufferSink) async throws -> T
    ) async throws -> T {
        let (terminal, out, err) = Terminal.capturing(environment: ["RECEIVE_SECRET": Self.secret])
        var options = ReceiveOptions()
        (options.listen, options.secret, options.status) = ("127.0.0.1:0", secret, status)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let configured = options
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                _ = await receive(configured, terminal: terminal, signals: false) { continuation.yield($0) }
                continuation.finish()
            }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next(), "hookctl receive did not start: \(err.text)")
            defer { group.cancelAll() }
            return try await body(port, out)
        }
    }

    func send(_ workspace: Workspace, port: Int, signing: String = secret) async -> (code: Int32, out: String) {
        var environment = TestCommandTests.environment
        environment["HOOK_SIGNING"] = signing
        let (terminal, out, err) = Terminal.capturing(environment: environment)
        let options = TestOptions(
            name: "loopback", store: "sqlite:\(workspace.path)/none.db",
            allowTargets: AllowTargets(["127.0.0.1:\(port)"]), currentDirectory: workspace.path)
        let code = await testWebhook(options, terminal: terminal)
        return (code, out.text + err.text)
    }

    @Test func verifiesASignedDeliveryFromHookctlTestAndPrintsIt() async throws {
        try await withReceive { port, printed in
            let workspace = try Workspace()
            try workspace.declare(TestCommandTests.declaration(port: port))
            let sent = await send(workspace, port: port)
            #expect(sent.code == TestExit.success, "\(sent.out)")
            let text = printed.text
            #expect(text.hasPrefix("hookctl receive: listening on http://127.0.0.1:\(port), verifying"), "\(text)")
            #expect(text.contains(" POST /in\n"), "\(text)")
            #expect(text.contains("\nwebhook-signature: v1,"), "\(text)")
            #expect(text.contains("\nAuthorization: [redacted]\n"), "\(text)")
            #expect(!text.contains("tok-very-secret"), "the bearer token was printed")
            #expect(text.contains("{\n  \"type\" : \"AccessRequestApproved\",\n  \"who\" : \"User\"\n}"), "\(text)")
            #expect(text.hasSuffix("✓ signature verified\n→ answered 200\n"), "\(text)")
        }
    }

    @Test func refusesATamperedDeliveryAndOneSignedWithAnotherSecret() async throws {
        try await withReceive { port, printed in
            let workspace = try Workspace()
            try workspace.declare(TestCommandTests.declaration(port: port))
            #expect(await send(workspace, port: port).code == TestExit.success)
            // The same request with one byte of the body changed, as an attacker in between would send it.
            var headers: [String: String] = [:]
            for line in printed.text.split(separator: "\n") {
                for name in ["webhook-id", "webhook-timestamp", "webhook-signature"] where line.hasPrefix(name + ": ") {
                    headers[name] = String(line.dropFirst(name.count + 2))
                }
            }
            try #require(headers.count == 3, "\(printed.text)")
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/in")
            request.method = .POST
            for (name, value) in headers { request.headers.add(name: name, value: value) }
            request.body = .bytes(ByteBuffer(string: #"{"type": "AccessRequestApproved", "who": "Mallory"}"#))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            let answer = String(buffer: try await response.body.collect(upTo: 1 << 16))
            #expect(response.status.code == 401)
            #expect(answer.contains("signature refused"), "\(answer)")
            #expect(printed.text.contains("✗ signature refused: no signature in webhook-signature matches"))
            #expect(printed.text.hasSuffix("→ answered 401\n"), "\(printed.text)")

            let other = "whsec_" + Data(repeating: 7, count: 32).base64EncodedString()
            let wrong = await send(workspace, port: port, signing: other)
            #expect(wrong.code == TestExit.failure, "\(wrong.out)")
            #expect(wrong.out.contains("HTTP 401"), "\(wrong.out)")
        }
    }

    /// A body over 1 MiB is answered 413 without being read, and printed as refused, not left out.
    @Test func anOversizedBodyIsRefusedAndSaidSo() async throws {
        try await withReceive { port, printed in
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/big")
            request.method = .POST
            request.body = .bytes(ByteBuffer(repeating: UInt8(ascii: "x"), count: (1 << 20) + 1))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            #expect(response.status.code == 413)
            try await eventually("the refusal was printed") { printed.text.contains(" POST /big\n") }
            #expect(
                printed.text.hasSuffix(
                    "\n✗ refused: the body is larger than 1048576 bytes (not read)\n→ answered 413\n"),
                "\(printed.text)")
        }
    }

    @Test func answersTheChosenStatusAndRefusesBadOptions() async throws {
        try await withReceive(secret: nil, status: 503) { port, printed in
            let workspace = try Workspace()
            try workspace.declare(TestCommandTests.declaration(port: port))
            let sent = await send(workspace, port: port)
            #expect(sent.code == TestExit.failure)
            #expect(sent.out.contains("HTTP 503"), "\(sent.out)")
            #expect(printed.text.contains("not verifying signatures (no --secret)"))
            #expect(!printed.text.contains("signature verified"))
        }
        for (listen, secret, status, message) in [
            ("0.0.0.0:9000", nil, 200, "is not a loopback HOST:PORT"),
            ("127.0.0.1:0", nil, 99, "--status 99 is not an HTTP status"),
            ("127.0.0.1:0", "${env:UNSET_SECRET}", 200, "UNSET_SECRET is not set"),
            ("127.0.0.1:0", "not-base64!", 200, "--secret: signing secret 1 is not whsec_"),
        ] as [(String, String?, Int, String)] {
            let (terminal, _, err) = Terminal.capturing()
            var options = ReceiveOptions()
            (options.listen, options.secret, options.status) = (listen, secret, status)
            let code = await receive(options, terminal: terminal, signals: false)
            #expect(code != ReceiveExit.stopped)
            #expect(err.text.contains(message), "\(err.text)")
        }
    }
}
