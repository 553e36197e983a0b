import AccessEvents
import AsyncHTTPClient
import Foundation
import HookctlCore
import Hummingbird
import JSON
import NIOCore
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The console in a real headless Chromium (Tests/Browser/console_browser.py, driven by Selenium), against a real
/// `hookctl run` serving it on its listener, a real SQLite store that `apply` filled from `webhooks.d/`, and a real
/// loopback receiver with one route that succeeds and one that fails.
///
/// With `HOOKCTL_SCREENSHOTS=1` the browser writes the README's screenshots to `docs/screenshots/`.
@Suite("Console in a browser", .serialized)
struct ConsoleBrowserTests {
    static let consoleToken = "console-admin-token-4f1d2c9a8b7e6d5c"
    static let viewerToken = "console-viewer-token-0a9b8c7d6e5f4a3b"
    static let ingestToken = "console-ingest-token-1122334455667788"
    static let hookToken = "tok-console-browser-secret-77"

    /// The repository's root, from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func declarations(port: Int) -> [String: String] {
        [
            "webhooks.d/ok.yaml": """
            name: ok-hook
            method: POST
            url: http://127.0.0.1:\(port)/ok
            auth:
              type: bearer
              token: ${env:HOOK_TOKEN}
            signing:
              secret: ${env:HOOK_SIGNING}
            triggers: [Created, Approved]
            body: |
              {"type": "{{event_type}}", "who": "{{data.requester.name}}"}
            """,
            "webhooks.d/failing.yaml": """
            name: failing-hook
            method: POST
            url: http://127.0.0.1:\(port)/fail
            auth:
              type: bearer
              token: ${env:HOOK_TOKEN}
            triggers: [Created]
            retry:
              max_attempts: 1
            body: |
              {"type": "{{event_type}}", "id": "{{data.id}}"}
            """,
            "webhooks.d/idle.yaml": """
            name: idle-hook
            active: false
            method: POST
            url: http://127.0.0.1:\(port)/ok
            triggers: [Granted]
            body: '{"type": "{{event_type}}"}'
            """,
        ]
    }

    @Test(
        "Every step of the console, as an admin and as a viewer",
        .enabled(if: BrowserAvailability.shouldRun, Comment(rawValue: BrowserAvailability.skipReason)))
    func everyStepOfTheConsole() async throws {
        if let missing = BrowserAvailability.missing {
            Issue.record("CI=true, so the browser tests must run, but this machine lacks \(missing)")
            return
        }
        let binary = try #require(ApplyKilledProcessTests.builtExecutable("hookctl"), "build hookctl first")
        try await withReceiver(routes: { router, _ in
            router.post("/ok") { _, _ -> Response in
                Response(
                    status: .ok, headers: [.contentType: "application/json"],
                    body: .init(byteBuffer: ByteBuffer(string: #"{"ok":true,"ticket":"SEC-4242"}"#)))
            }
            router.post("/fail") { _, _ -> Response in
                Response(
                    status: .internalServerError, headers: [.contentType: "application/json"],
                    body: .init(byteBuffer: ByteBuffer(string: #"{"error":"receiver-says-no"}"#)))
            }
        }) { receiver in
            let workspace = try Workspace()
            for (path, text) in Self.declarations(port: receiver.port) { try workspace.write(path, text) }
            let store = "sqlite:\(workspace.path)/state.db"
            let environment = [
                "HOOKCTL_STORE_KEY": PlanWorkspace.key, "HOOKCTL_INGEST_TOKEN": Self.ingestToken,
                "HOOKCTL_CONSOLE_TOKEN": Self.consoleToken, "HOOKCTL_CONSOLE_VIEWER_TOKEN": Self.viewerToken,
                "HOOK_TOKEN": Self.hookToken, "HOOK_SIGNING": TestCommandTests.signingSecret,
            ]
            try await RunProcessTests().applyDeclarations(
                in: workspace, store: store, environment: environment, allow: receiver)
            let runner = try await Self.startRunner(
                binary, in: workspace, store: store, environment: environment,
                arguments: ["--allow-target", receiver.allowTarget])
            defer { if runner.process.isRunning { kill(runner.process.processIdentifier, SIGKILL) } }

            // A real event, so the failing webhook has a failed delivery to redeliver from the history page.
            var request = HTTPClientRequest(url: "\(runner.url)/v1/events")
            request.method = .POST
            request.headers.add(name: "Authorization", value: "Bearer \(Self.ingestToken)")
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: EventSamples.sample(for: .created).serialized()))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            #expect(response.status.code == 202)
            try await eventually("the event reached both active webhooks") {
                receiver.log.count(path: "/fail") == 1 && receiver.log.count(path: "/ok") == 1
            }

            let screenshots = ProcessInfo.processInfo.environment["HOOKCTL_SCREENSHOTS"] == "1"
            let configuration: JSONValue = [
                "url": .string(runner.url), "token": .string(Self.consoleToken),
                "viewer_token": .string(Self.viewerToken), "hookctl": .string(binary),
                "workspace": .string(workspace.path), "store": .string(store),
                "environment": .object(
                    JSONObject(
                        members: environment.sorted { $0.key < $1.key }.map { (key: $0.key, value: .string($0.value)) })
                ),
                "allow_target": .string(receiver.allowTarget), "set": "repo",
                "ok_webhook": "ok-hook", "failing_webhook": "failing-hook", "inactive_webhook": "idle-hook",
                "ok_path": "/ok", "ok_response_marker": "SEC-4242", "failing_response_marker": "receiver-says-no",
                "secrets": .array(
                    [
                        Self.hookToken, TestCommandTests.signingSecret, Self.consoleToken, Self.viewerToken,
                        Self.ingestToken, PlanWorkspace.key,
                    ].map { .string($0) }),
                "screenshots": screenshots ? .string(Self.root.appendingPathComponent("docs/screenshots").path) : .null,
                "chromium": .string(BrowserAvailability.chromium),
                "chromedriver": .string(BrowserAvailability.chromedriver),
            ]
            let script = try String(
                contentsOf: Self.root.appendingPathComponent("Tests/Browser/console_browser.py"), encoding: .utf8)
            let output = try await Python.run(
                script, arguments: [String(decoding: configuration.serialized(), as: UTF8.self)],
                requiring: ["selenium"])
            let report = output.text.split(separator: "\n").last.flatMap { try? JSONValue(parsing: Array($0.utf8)) }
            guard case .array(let steps)? = report?["steps"] else {
                Issue.record("the browser script reported nothing (exit \(output.status)):\n\(output.text)")
                return
            }
            var results: [String: (ok: Bool, detail: String)] = [:]
            for step in steps {
                guard let name = step["name"]?.stringValue else { continue }
                results[name] = (step["ok"] == .bool(true), step["detail"]?.stringValue ?? "")
            }
            for name in Self.steps {
                let result = try #require(results[name], "the browser never reported \"\(name)\":\n\(output.text)")
                #expect(result.ok, "\(name): \(result.detail)")
            }
            #expect(output.status == 0, "\(output.text)")

            // The redelivery the browser asked for reaches the failing receiver again: the event, the test, and it.
            try await eventually("the redelivery reached the failing receiver") {
                receiver.log.count(path: "/fail") >= 3
            }
            #expect(
                receiver.log.all.filter { $0.path == "/fail" }.last?.headers["authorization"]
                    == "Bearer \(Self.hookToken)")
            kill(runner.process.processIdentifier, SIGTERM)
            try await eventually("the runner stopped") { !runner.process.isRunning }
            for secret in [Self.hookToken, Self.consoleToken, Self.viewerToken, TestCommandTests.signingSecret] {
                #expect(!runner.log.all.contains(secret), "the runner's log holds a secret")
            }
        }
    }

    /// Every step the browser must report, each one an assertion of its own.
    static let steps = [
        "a wrong token is refused", "log in", "the table with the right dots", "open a webhook",
        "Test shows Success with the request and response in the side panel",
        "a failing receiver shows Failure with its response", "deactivate, and plan reports the drift",
        "history: open a failure and redeliver it",
        "a draft with a typo: the finding at its field, then YAML that validate passes",
        "a POST without the CSRF token is refused", "the viewer cannot test", "no page contains a secret's bytes",
    ]

    /// Starts `hookctl run` on a free loopback port and waits until its console listens; its URL from the log.
    static func startRunner(
        _ binary: String, in workspace: Workspace, store: String, environment: [String: String],
        arguments: [String]
    ) async throws -> (process: Process, log: RunProcessTests.Lines, url: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["run", "--listen", "127.0.0.1:0", "--store", store] + arguments
        process.currentDirectoryURL = workspace.root
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let errors = Pipe()
        let lines = RunProcessTests.Lines()
        errors.fileHandleForReading.readabilityHandler = { lines.append($0.availableData) }
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        try await eventually("the console listens") { lines.all.contains("console listening") || !process.isRunning }
        let line = try #require(
            lines.all.split(separator: "\n").first { $0.contains("console listening") }, "\(lines.all)")
        let url = try #require(line.firstMatch(of: /url=(http:\/\/127\.0\.0\.1:\d+)/)?.1, "\(lines.all)")
        return (process, lines, String(url))
    }
}
