import Foundation
import Hummingbird
import HummingbirdTLS
import NIOCore
import NIOSSL
import Synchronization

/// One request a test receiver got.
struct ReceivedRequest: Sendable {
    var method: String
    var path: String
    /// Header names in lower case.
    var headers: [String: String]
    var body: [UInt8]
    var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// What a receiver saw, shared with its route handlers.
final class ReceiverLog: Sendable {
    private let requests = Mutex<[ReceivedRequest]>([])

    func append(_ request: ReceivedRequest) { requests.withLock { $0.append(request) } }
    var all: [ReceivedRequest] { requests.withLock { $0 } }
    func count(path: String) -> Int { all.filter { $0.path == path }.count }
}

/// A running loopback receiver.
struct Receiver: Sendable {
    let port: Int
    let isTLS: Bool
    /// The loopback address it listens on: 127.0.0.1 or ::1.
    let host: String
    let log: ReceiverLog

    func url(_ path: String, host: String? = nil) -> String {
        let host = host ?? (self.host.contains(":") ? "[\(self.host)]" : self.host)
        return "\(isTLS ? "https" : "http")://\(host):\(port)\(path)"
    }

    var allowTarget: String { self.host.contains(":") ? "[\(self.host)]:\(port)" : "\(self.host):\(port)" }
}

/// Runs a Hummingbird receiver on loopback (127.0.0.1 or ::1, an ephemeral port) for the duration of `body`, then stops it.
func withReceiver<T: Sendable>(
    tls certificate: (chain: String, key: String)? = nil, bind: String = "127.0.0.1",
    routes: (Router<BasicRequestContext>, ReceiverLog) -> Void,
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
    let app = Application(
        router: router, server: tls == nil ? .http1() : try .tls(.http1(), tlsConfiguration: tls!),
        configuration: ApplicationConfiguration(address: .hostname(bind, port: 0)),
        onServerRunning: { channel in
            continuation.yield(channel.localAddress?.port ?? 0)
            continuation.finish()
        })
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await app.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else { throw ReceiverError() }
        do {
            let result = try await body(Receiver(port: port, isTLS: certificate != nil, host: bind, log: log))
            group.cancelAll()
            return result
        } catch {
            group.cancelAll()
            throw error
        }
    }
}

struct ReceiverError: Error {}

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
