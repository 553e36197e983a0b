import AsyncHTTPClient
import Foundation
import HookctlCore
import NIOCore
import TestSupport
import Testing

/// The console served by real `hookctl console` and `hookctl run` processes; a Deactivate through it is drift that the
/// real `hookctl plan` reports.
@Suite("the console, as a process")
struct ConsoleProcessTests {
    static let token = "process-console-token-0123456789"

    /// Starts `hookctl ARGUMENTS` and waits for its `console listening` line (or `intake listening`).
    func start(
        _ arguments: [String], in workspace: Workspace, waitFor line: String
    ) async throws
        -> (process: Process, log: RunProcessTests.Lines, url: String)
    {
        let binary = try #require(ApplyKilledProcessTests.builtExecutable("hookctl"), "build hookctl first")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = workspace.root
        process.environment = ProcessInfo.processInfo.environment.merging([
            "HOOKCTL_CONSOLE_TOKEN": Self.token, "HOOKCTL_INGEST_TOKEN": "process-ingest-token-0123456789",
        ]) { $1 }
        let errors = Pipe()
        let lines = RunProcessTests.Lines()
        errors.fileHandleForReading.readabilityHandler = { lines.append($0.availableData) }
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        try await eventually("it listens") { lines.all.contains(line) || !process.isRunning }
        let announced = lines.all.split(separator: "\n").first { $0.contains(line) } ?? ""
        let url = try #require(announced.firstMatch(of: /url=(https?:\/\/127\.0\.0\.1:\d+)/)?.1, "\(lines.all)")
        return (process, lines, String(url))
    }

    func stop(_ process: Process) async throws {
        process.terminate()
        try await eventually("it stops") { !process.isRunning }
    }

    static func request(
        _ client: HTTPClient, _ method: String, _ url: String, cookie: String? = nil, form: String? = nil
    ) async throws -> (status: Int, headers: [(String, String)], body: String) {
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: method)
        if let cookie { request.headers.add(name: "Cookie", value: cookie) }
        if let form {
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: form))
        }
        let response = try await client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 4 << 20)
        return (Int(response.status.code), response.headers.map { ($0.name, $0.value) }, String(buffer: body))
    }

    static func value(after marker: String, in text: String) -> String? {
        guard let range = text.range(of: marker) else { return nil }
        return String(text[range.upperBound...].prefix { $0 != "\"" && $0 != ";" })
    }

    @Test func aDeactivateInTheConsoleIsDriftThatPlanReports() async throws {
        let workspace = try Workspace()
        try workspace.write(
            "webhooks.d/jira.yaml",
            """
            name: jira
            method: POST
            url: https://jira.example.com/hook
            triggers: [Created]
            body: '{"id": "{{data.id}}"}'

            """)
        let store = workspace.path(".hookctl/state.db")
        let (terminal, _, err) = Terminal.capturing()
        var apply = ApplyOptions(store: store, setName: "repo", autoApprove: true)
        apply.currentDirectory = workspace.path
        #expect(await HookctlCore.apply(apply, terminal: terminal) == ApplyExit.applied, "\(err.text)")

        let (process, log, url) = try await start(
            ["console", "--listen", "127.0.0.1:0", "--store", store], in: workspace, waitFor: "console listening")
        let client = HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup,
            configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))
        do {
            let login = try await Self.request(client, "GET", url + "/login")
            let loginCSRF = try #require(Self.value(after: #"name="csrf" value=""#, in: login.body))
            let loginCookie = try #require(
                login.headers.first { $0.0.lowercased() == "set-cookie" }.flatMap {
                    Self.value(after: "hookctl_login=", in: $0.1)
                })
            let session = try await Self.request(
                client, "POST", url + "/login", cookie: "hookctl_login=\(loginCookie)",
                form: "csrf=\(loginCSRF)&token=\(Self.token)")
            #expect(session.status == 303)
            let id = try #require(
                session.headers.first { $0.1.hasPrefix("hookctl_session=") }.flatMap {
                    Self.value(after: "hookctl_session=", in: $0.1)
                })
            let page = try await Self.request(client, "GET", url + "/webhooks", cookie: "hookctl_session=\(id)")
            #expect(page.body.contains(#"<tr data-webhook="jira">"#))
            let csrf = try #require(Self.value(after: #"<meta name="csrf-token" content=""#, in: page.body))
            let toggled = try await Self.request(
                client, "POST", url + "/webhooks/jira/deactivate", cookie: "hookctl_session=\(id)", form: "csrf=\(csrf)"
            )
            #expect(toggled.status == 303)
        } catch {
            try? await client.shutdown()
            try await stop(process)
            throw error
        }
        try await client.shutdown()
        try await stop(process)
        #expect(!log.all.contains(Self.token), "the token is never logged")

        let (planTerminal, out, planErr) = Terminal.capturing()
        let code = await HookctlCore.plan(
            PlanOptions(currentDirectory: workspace.path, store: store, setName: "repo", detailedExitCode: true),
            terminal: planTerminal)
        #expect(code == 2, "\(planErr.text)")
        #expect(out.text.contains("Drift"), "\(out.text)")
        #expect(out.text.contains("active"), "\(out.text)")
    }

    @Test func theRunnerServesTheConsoleUnlessNoConsole() async throws {
        let workspace = try Workspace()
        let store = workspace.path(".hookctl/state.db")
        let client = HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup,
            configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))
        do {
            let (withConsole, log, url) = try await start(
                ["run", "--listen", "127.0.0.1:0", "--store", store], in: workspace, waitFor: "console listening")
            let served = try await Self.request(client, "GET", url + "/login")
            let health = try await Self.request(client, "GET", url + "/healthz")
            try await stop(withConsole)
            #expect(served.status == 200)
            #expect(served.body.contains(#"<form id="login""#))
            #expect(health.status == 200, "the intake still answers beside the console")
            #expect(log.all.contains("intake listening"))

            let (without, quiet, bare) = try await start(
                ["run", "--listen", "127.0.0.1:0", "--store", store, "--no-console"], in: workspace,
                waitFor: "intake listening")
            let missing = try await Self.request(client, "GET", bare + "/login")
            try await stop(without)
            #expect(missing.status == 404)
            #expect(!quiet.all.contains("console listening"))
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }
}
