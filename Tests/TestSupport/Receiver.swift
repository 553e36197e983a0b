import Foundation
public import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle
import Synchronization

/// One request a test receiver got.
public struct ReceivedRequest: Sendable {
    public var method: String
    public var path: String
    /// Header names in lower case.
    public var headers: [String: String]
    public var body: [UInt8]
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// What a receiver saw, shared with its route handlers.
public final class ReceiverLog: Sendable {
    private let requests = Mutex<[ReceivedRequest]>([])
    private let accepted = Mutex(0)

    init() {}

    func append(_ request: ReceivedRequest) { requests.withLock { $0.append(request) } }
    func connectionAccepted() { accepted.withLock { $0 += 1 } }
    public var all: [ReceivedRequest] { requests.withLock { $0 } }
    /// How many connections the receiver accepted (a keep-alive client reuses them).
    public var connections: Int { accepted.withLock { $0 } }
    public func count(path: String) -> Int { all.filter { $0.path == path }.count }
}

/// A running loopback receiver.
public struct Receiver: Sendable {
    public let port: Int
    public let isTLS: Bool
    /// The loopback address it listens on: 127.0.0.1 or ::1.
    public let host: String
    public let log: ReceiverLog

    /// `http(s)://host:port/path`, with `host` instead of the loopback address when given.
    public func url(_ path: String, host: String? = nil) -> String {
        let host = host ?? (self.host.contains(":") ? "[\(self.host)]" : self.host)
        return "\(isTLS ? "https" : "http")://\(host):\(port)\(path)"
    }

    /// `HOST:PORT` as `--allow-target` takes it.
    public var allowTarget: String { self.host.contains(":") ? "[\(self.host)]:\(port)" : "\(self.host):\(port)" }
}

/// A TLS identity for a receiver: PEM files of the certificate chain and its private key.
public struct ReceiverCertificate: Sendable {
    public var chain: String
    public var key: String

    public init(chain: String, key: String) {
        self.chain = chain
        self.key = key
    }
}

/// Runs a Hummingbird receiver on loopback (127.0.0.1 or ::1, an ephemeral port unless `port` names one) for the
/// duration of `body`, then stops it. With `tls` it speaks HTTPS only; every request is recorded in `log` before
/// `routes` sees it, and every accepted connection is counted. With `idleTimeout` it closes connections idle that
/// long.
public func withReceiver<T: Sendable>(
    tls certificate: ReceiverCertificate? = nil, bind: String = "127.0.0.1", port: Int = 0,
    idleTimeout: Duration? = nil, routes: (Router<BasicRequestContext>, ReceiverLog) -> Void,
    _ body: (Receiver) async throws -> T
) async throws -> T {
    let log = ReceiverLog()
    let router = Router()
    router.middlewares.add(RecordingMiddleware(log: log))
    routes(router, log)
    var tls: TLSConfiguration?
    if let certificate {
        tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(certificate.chain).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: certificate.key, format: .pem)))
    }
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let idle = idleTimeout.map {
        TimeAmount.nanoseconds($0.components.seconds * 1_000_000_000 + $0.components.attoseconds / 1_000_000_000)
    }
    let http1 = HTTPServerBuilder.http1(
        configuration: HTTP1Channel.Configuration(
            additionalChannelHandlers: [ConnectionCounter(log: log)], idleTimeout: idle))
    let app = Application(
        router: router, server: tls == nil ? http1 : try .tls(http1, tlsConfiguration: tls!),
        configuration: ApplicationConfiguration(address: .hostname(bind, port: port)),
        onServerRunning: { channel in
            continuation.yield(channel.localAddress?.port ?? 0)
            continuation.finish()
        })
    // Stopped by a graceful shutdown first, not by cancelling its task at once: a server cancelled while accepting
    // can drop a connection it has accepted but not yet served, and NIO traps on that ("Deinited NIOAsyncWriter
    // without calling finish()", swift-nio#2637). The shutdown closes the listener; a second later what is still
    // open (a client's idle keep-alive connection) is cancelled.
    var quiet = Logger(label: "test-receiver")
    quiet.logLevel = .warning
    var configuration = ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [], logger: quiet)
    configuration.maximumGracefulShutdownDuration = .seconds(1)
    let services = ServiceGroup(configuration: configuration)
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await services.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            await services.triggerGracefulShutdown()
            throw ReceiverError()
        }
        do {
            let result = try await body(Receiver(port: port, isTLS: certificate != nil, host: bind, log: log))
            await services.triggerGracefulShutdown()
            // A shutdown cut short after its second may end with an error of its own; the body's result stands.
            try? await group.waitForAll()
            return result
        } catch {
            await services.triggerGracefulShutdown()
            try? await group.waitForAll()
            throw error
        }
    }
}

/// The answer a receiver gives to every request, whatever its method and path.
public struct CannedResponse: Sendable {
    public var status: Int
    public var reason: String
    public var headers: [String: String]
    public var body: String

    public init(
        status: Int = 200, reason: String = "OK",
        headers: [String: String] = ["Content-Type": "application/json", "X-Receiver": "loopback"],
        body: String = #"{"ok":true}"#
    ) {
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
    }
}

/// Runs a receiver that answers every request with `response` (see the other `withReceiver`).
public func withReceiver<T: Sendable>(
    tls certificate: ReceiverCertificate? = nil, bind: String = "127.0.0.1", answering response: CannedResponse,
    _ body: (Receiver) async throws -> T
) async throws -> T {
    try await withReceiver(
        tls: certificate, bind: bind,
        routes: { router, _ in router.middlewares.add(CannedMiddleware(canned: response)) },
        body)
}

/// A receiver could not start or a route chose to fail.
public struct ReceiverError: Error {
    public init() {}
}

/// Records every request (method, path, headers, body) before the route sees it.
struct RecordingMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let log: ReceiverLog

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var request = request
        let buffer = try await request.collectBody(upTo: 1 << 20)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        headers["host"] = request.head.authority  // HTTP/1 `Host` arrives as the :authority pseudo-header
        log.append(
            ReceivedRequest(
                method: request.method.rawValue, path: request.uri.path, headers: headers,
                body: Array(buffer.readableBytesView)))
        return try await next(request, context)
    }
}

/// Answers every request with one canned response, before any route.
struct CannedMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let canned: CannedResponse

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var headers = HTTPFields()
        for (name, value) in canned.headers { headers[.init(name)!] = value }
        return Response(
            status: HTTPResponse.Status(code: canned.status, reasonPhrase: canned.reason), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: canned.body)))
    }
}

/// Answers like receivers that echo what they got: each request header comes back as an `X-Echo-NAME` response
/// header, and the body is `{"request": RAW}`, the request's head and body JSON-escaped (`/` as `\/`).
struct EchoMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 1 << 20)
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        var raw = "\(request.method.rawValue) \(request.uri.description)\r\n"
        for field in request.headers {
            headers[.init("X-Echo-" + field.name.rawName)!] = field.value
            raw += "\(field.name.rawName): \(field.value)\r\n"
        }
        raw += "\r\n" + String(decoding: body.readableBytesView, as: UTF8.self)
        let echoed = try JSONSerialization.data(withJSONObject: ["request": raw])
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: echoed)))
    }
}

/// Runs a receiver that echoes every request back (see `EchoMiddleware` and the first `withReceiver`).
public func withEchoingReceiver<T: Sendable>(_ body: (Receiver) async throws -> T) async throws -> T {
    try await withReceiver(routes: { router, _ in router.middlewares.add(EchoMiddleware()) }, body)
}

/// Counts the connections a receiver accepts; passes everything through.
final class ConnectionCounter: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny
    let log: ReceiverLog

    init(log: ReceiverLog) { self.log = log }

    func handlerAdded(context: ChannelHandlerContext) { log.connectionAccepted() }
}
