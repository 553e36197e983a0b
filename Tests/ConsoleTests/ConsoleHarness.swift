import AsyncHTTPClient
import Console
import Delivery
import Foundation
import Logging
import NIOCore
import NIOSSL
import Runner
import SQLiteStore
import Store
import StoreContracts
import Synchronization
import TestSupport
import WebhookModel

/// A real console on loopback over a real SQLite file, for the tests: `withConsole` starts it, seeds `webhooks`,
/// and hands over the store and the URL.
struct ConsoleHarness: Sendable {
    static let adminToken = "console-admin-token-0123456789"
    static let viewerToken = "console-viewer-token-9876543210"

    let base: String
    let store: SQLiteStore
    let key: StoreKey

    static func withConsole<T: Sendable>(
        webhooks: @Sendable (StoreKey) -> [StoredWebhook] = { _ in [] }, allow: [String] = [],
        loginAttemptsPerMinute: Int = 10, tls: ReceiverCertificate? = nil,
        _ body: @Sendable (ConsoleHarness) async throws -> T
    ) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("console-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = try StoreKey(base64: StoreKey.generateBase64())
        let store = try SQLiteStore(path: folder.appendingPathComponent("state.db").path, keyCheck: key.check)
        try await store.commit(Fixtures.changes(against: try await store.snapshot(), upserts: webhooks(key)))
        var logger = Logger(label: "console-test")
        logger.logLevel = .warning
        let sender = Sender(addressGuard: AddressGuard(allowList: try TargetAllowList(allow)))
        let console = Console(
            configuration: ConsoleConfiguration(
                adminToken: adminToken, viewerToken: viewerToken, secureCookies: tls != nil,
                loginAttemptsPerMinute: loginAttemptsPerMinute, allowTargets: Set(allow)),
            store: store, key: key, sender: sender, logger: logger)
        let server = ConsoleServer(
            console: console, host: "127.0.0.1", port: 0,
            tls: try tls.map { try ServedTLS(certificateFile: $0.chain, keyFile: $0.key) },
            logger: logger)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await server.run(signals: false) { port in
                    continuation.yield(port)
                    continuation.finish()
                }
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw ReceiverError() }
            defer { group.cancelAll() }
            let base = "\(tls == nil ? "http" : "https")://127.0.0.1:\(port)"
            return try await body(ConsoleHarness(base: base, store: store, key: key))
        }
    }

    /// A webhook posting a small JSON body to `url`.
    static func webhook(
        _ name: String, url: String, triggers: [Trigger] = [.created, .approved], active: Bool = true,
        auth: Auth = .none
    ) -> Webhook {
        Webhook(
            name: name, active: active, method: .post, url: url, auth: auth, triggers: triggers,
            body: #"{"id": "{{data.id}}", "type": "{{event_type}}", "who": "{{data.requester.email}}"}"#,
            timeout: .seconds(5), retry: RetryPolicy(maxAttempts: 2, schedule: [.seconds(30)]))
    }
}

/// One HTTP answer, its body as text.
struct Reply: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: String

    func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
    func all(_ name: String) -> [String] { headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value) }

    /// The `content` of `<meta name="csrf-token">`, or the login form's hidden csrf value.
    var csrf: String? {
        for marker in [#"<meta name="csrf-token" content=""#, #"name="csrf" value=""#] {
            if let start = body.range(of: marker) {
                return String(body[start.upperBound...].prefix { $0 != "\"" })
            }
        }
        return nil
    }
}

/// A browser without JavaScript: it keeps cookies and follows no redirects.
final class Browser: Sendable {
    let base: String
    private let client: HTTPClient
    private let state = Mutex<(cookies: [String: String], csrf: String?)>(([:], nil))
    var cookies: [String: String] { state.withLock { $0.cookies } }
    /// The CSRF token of the last page that had one.
    var csrf: String? { state.withLock { $0.csrf } }

    /// A browser trusting only `caFile` for HTTPS when given.
    init(_ base: String, caFile: String? = nil) {
        self.base = base
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        if let caFile {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .file(caFile)
            configuration.tlsConfiguration = tls
        }
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    /// Runs `body` with a fresh browser (no cookies), shut down after.
    static func with<T>(_ base: String, caFile: String? = nil, _ body: (Browser) async throws -> T) async throws -> T {
        let browser = Browser(base, caFile: caFile)
        do {
            let result = try await body(browser)
            try await browser.client.shutdown()
            return result
        } catch {
            try? await browser.client.shutdown()
            throw error
        }
    }

    func get(_ path: String) async throws -> Reply { try await send("GET", path, body: nil, headers: [:]) }

    func post(
        _ path: String, _ fields: [(String, String)], csrf: Bool = true, headers: [String: String] = [:]
    )
        async throws -> Reply
    {
        var fields = fields
        if csrf, let token = self.csrf { fields.append(("csrf", token)) }
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send("POST", path, body: body, headers: headers)
    }

    /// Logs in with `token` through the login form, as a person would.
    @discardableResult
    func login(_ token: String) async throws -> Reply {
        _ = try await get("/login")
        let reply = try await post("/login", [("token", token)])
        if reply.status == 303 { _ = try await get("/webhooks") }  // the session's CSRF token
        return reply
    }

    func send(_ method: String, _ path: String, body: String?, headers: [String: String]) async throws -> Reply {
        var request = HTTPClientRequest(url: base + path)
        request.method = .init(rawValue: method)
        let cookies = self.cookies
        if !cookies.isEmpty {
            request.headers.add(name: "Cookie", value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: body))
        }
        for (name, value) in headers { request.headers.replaceOrAdd(name: name, value: value) }
        let response = try await client.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 8 << 20)
        let reply = Reply(
            status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
            body: String(buffer: bytes))
        for cookie in reply.all("Set-Cookie") {
            let pair = cookie.split(separator: ";")[0].split(
                separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(pair[0])
            let value = pair.count > 1 ? String(pair[1]) : ""
            let kept = value.isEmpty || cookie.contains("Max-Age=0") ? nil : value
            state.withLock { $0.cookies[name] = kept }
        }
        if let token = reply.csrf { state.withLock { $0.csrf = token } }
        return reply
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}
