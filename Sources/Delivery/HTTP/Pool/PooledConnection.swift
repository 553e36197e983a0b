import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// One keep-alive HTTP/1.1 connection (TLS when the key is https) to a key's checked address.
final class PooledConnection: Sendable {
    let id: Int
    let channel: any Channel
    private let collector: NIOLoopBound<ResponseCollector>

    private init(id: Int, channel: any Channel, collector: NIOLoopBound<ResponseCollector>) {
        self.id = id
        self.channel = channel
        self.collector = collector
    }

    /// Connects to `key.address` (never to a resolved name); TLS uses the host name for SNI and the certificate check
    /// (an IP-literal host is checked against the address).
    static func connect(
        id: Int, to key: PoolKey, group: any EventLoopGroup, tls: NIOSSLContext?, connectTimeout: Duration,
        idleTimeout: Duration
    ) async throws -> PooledConnection {
        let address = try SocketAddress(ipAddress: key.address.description, port: key.port)
        let serverName = AddressGuard.literalAddress(key.host) == nil ? key.host : nil
        let loop = group.next()
        let collector = try await loop.submit {
            NIOLoopBound(ResponseCollector(idleTimeout: idleTimeout), eventLoop: loop)
        }.get()
        let channel = try await ClientBootstrap(group: loop)
            .connectTimeout(.nanoseconds(connectTimeout.nanoseconds))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    if let tls {
                        try pipeline.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverName))
                    }
                    try pipeline.addHTTPClientHandlers()
                    try pipeline.addHandler(collector.value)
                }
            }
            .connect(to: address).get()
        return PooledConnection(id: id, channel: channel, collector: collector)
    }

    /// Sends one request and collects its response; never throws (failures are in the outcome). Cancelling the
    /// calling task (the runner's shutdown deadline) cuts the exchange off at once: the connection closes and the
    /// outcome is `PoolError.cancelled`, or the response as far as it came.
    func exchange(
        head: HTTPRequestHead, body: ByteBuffer, deadline: NIODeadline, timeout: Duration
    ) async
        -> ExchangeOutcome
    {
        let promise = channel.eventLoop.makePromise(of: ExchangeOutcome.self)
        let collector = self.collector
        let loop = channel.eventLoop
        loop.execute {
            collector.value.begin(head: head, body: body, deadline: deadline, timeout: timeout, promise: promise)
        }
        return await withTaskCancellationHandler {
            do {
                return try await promise.futureResult.get()
            } catch {
                return .failed(error)
            }
        } onCancel: {
            loop.execute { collector.value.cancel(promise) }
        }
    }

    /// Closes the connection (harmless when it is already closed).
    func close() { channel.close(promise: nil) }
}
