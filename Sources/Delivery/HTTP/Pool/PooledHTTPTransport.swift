public import NIOCore
import NIOHTTP1
public import NIOPosix
import NIOSSL
import Store

/// The runner's transport: keep-alive HTTP/1.1 connection pools over SwiftNIO, one pool per scheme, host, port and
/// checked address, so a connection only ever carries requests to the address the guard passed for its host.
///
/// Like `HTTPExchange` it never resolves a name (it connects to `CheckedTarget.address`; SNI, the certificate check
/// and `Host` use the URL's host), follows no redirects, decompresses nothing, keeps to one deadline for the whole
/// exchange (connecting within 5 s at most) and reads at most `InvocationResponse.maxBodyBytes` of a body (then the
/// connection is closed). A request that failed on a reused idle connection before any response byte arrived (the
/// server had closed it) is sent once more on a fresh connection; no other request is ever repeated.
/// Call `shutdown()` when done.
public final class PooledHTTPTransport: HTTPTransport {
    private let group: any EventLoopGroup
    private let tls: Result<NIOSSLContext, TLSSetupError>
    private let pools: ConnectionPools

    /// A transport trusting `trust`'s certificate authorities, running on `eventLoopGroup` (not shut down with it).
    public init(
        trust: TrustRoots = .system, limits: PoolLimits = PoolLimits(),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        group = eventLoopGroup
        pools = ConnectionPools(limits: limits)
        tls = Result { () throws(TLSSetupError) in
            do {
                return try NIOSSLContext(configuration: trust.clientConfiguration())
            } catch {
                throw TLSSetupError(error: error)
            }
        }
    }

    public func perform(
        _ request: OutgoingRequest, to target: CheckedTarget, deadline sendDeadline: SendDeadline
    ) async -> Result<ReceivedResponse, DeliveryFailure> {
        let deadline = sendDeadline.nio
        let timeout = sendDeadline.timeout
        let key = PoolKey(target)
        var context: NIOSSLContext?
        if key.isTLS {
            switch tls {
            case .success(let made): context = made
            case .failure(let failure):
                return .failure(.transport(TransportErrorText.describe(failure.error, timeout: timeout)))
            }
        }
        let (head, body) = Self.wire(request, to: target)
        var fresh = false
        while true {
            let connection: PooledConnection
            let reused: Bool
            switch await pools.lease(key, deadline: deadline, fresh: fresh, timer: group.next()) {
            case .reuse(let idle):
                connection = idle
                reused = true
            case .create(let id):
                let remaining = deadline - .now()
                do {
                    guard remaining > .zero else { throw PoolError.deadlineExceeded }
                    connection = try await PooledConnection.connect(
                        id: id, to: key, group: group, tls: context,
                        connectTimeout: min(.nanoseconds(remaining.nanoseconds), .seconds(5)),
                        idleTimeout: pools.limits.idleTimeout)
                } catch {
                    pools.connectFailed(key)
                    return .failure(.transport(TransportErrorText.describe(error, timeout: timeout)))
                }
                guard pools.connected(key, connection) else {
                    return .failure(.transport(TransportErrorText.describe(PoolError.shutDown, timeout: timeout)))
                }
                reused = false
            case .refuse(let reason):
                return .failure(.transport(TransportErrorText.describe(reason, timeout: timeout)))
            }
            switch await connection.exchange(head: head, body: body, deadline: deadline, timeout: timeout) {
            case .response(let response, let reusable):
                pools.release(key, connection, reusable: reusable)
                return .success(response)
            case .failed(let error):
                pools.release(key, connection, reusable: false)
                if reused, !fresh, PoolError.isStaleConnection(error), NIODeadline.now() < deadline {
                    fresh = true
                    continue
                }
                return .failure(.transport(TransportErrorText.describe(error, timeout: timeout)))
            }
        }
    }

    /// Closes every connection: idle ones at once, busy ones when their exchange ends (within its deadline).
    /// Sends after this fail.
    public func shutdown() async {
        for connection in pools.shutDown() {
            try? await connection.channel.closeFuture.get()
        }
    }

    /// Open and idle connections per pool key, for tests.
    var poolSizes: [PoolKey: (open: Int, idle: Int)] { pools.snapshot }

    /// The request head and body as sent: origin-form target, `Host` from the URL unless declared, an exact
    /// `Content-Length`.
    static func wire(_ request: OutgoingRequest, to target: CheckedTarget) -> (HTTPRequestHead, ByteBuffer) {
        var path = String(target.url.rest.prefix { $0 != "#" })
        if !path.hasPrefix("/") { path = "/" + path }
        var headers = HTTPHeaders()
        if !request.has("Host") {
            headers.add(name: "Host", value: target.url.authorityHost + (target.url.port.map { ":\($0)" } ?? ""))
        }
        for header in request.headers {
            let name = header.name.lowercased()
            if name == "content-length" || name == "transfer-encoding" { continue }
            headers.add(name: header.name, value: header.value)
        }
        let method = HTTPMethod(rawValue: request.method)
        if !request.body.isEmpty || (method != .GET && method != .HEAD) {
            headers.add(name: "Content-Length", value: String(request.body.count))
        }
        let head = HTTPRequestHead(version: .http1_1, method: method, uri: path, headers: headers)
        return (head, ByteBuffer(bytes: request.body))
    }
}

/// The TLS context could not be made from the trust roots.
struct TLSSetupError: Error {
    var error: any Error
}
