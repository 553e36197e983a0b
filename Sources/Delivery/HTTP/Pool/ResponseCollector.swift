import NIOCore
import NIOHTTP1
import Store

/// The last handler of a pooled connection: writes one request at a time and collects its response, up to
/// `InvocationResponse.maxBodyBytes` of body, by the exchange's deadline. Between exchanges it closes the connection
/// after the idle timeout. Every method runs on the channel's event loop.
final class ResponseCollector: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    private struct Exchange {
        var promise: EventLoopPromise<ExchangeOutcome>
        var timer: Scheduled<Void>?
        var timeout: Duration
        var keepAliveRequested: Bool
        var head: HTTPResponseHead?
        var body: [UInt8] = []
    }

    private let idleTimeout: TimeAmount
    private var context: ChannelHandlerContext?
    private var exchange: Exchange?
    private var idleTimer: Scheduled<Void>?
    /// False once the connection closed, failed or answered something it was not asked.
    private var isUsable = true
    /// The first error seen while no exchange was in progress (a failed TLS handshake, a reset while idle).
    private var idleFailure: (any Error)?
    private var exchangesDone = 0

    init(idleTimeout: Duration) { self.idleTimeout = .nanoseconds(idleTimeout.nanoseconds) }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        armIdleTimer()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        idleTimer?.cancel()
    }

    /// Sends `head` and `body`; `promise` gets the outcome by `deadline` at the latest.
    func begin(
        head: HTTPRequestHead, body: ByteBuffer, deadline: NIODeadline, timeout: Duration,
        promise: EventLoopPromise<ExchangeOutcome>
    ) {
        guard let context, isUsable, exchange == nil else {
            // A connection that served requests before went stale; a new one never worked (say why).
            let reason = exchangesDone > 0 ? PoolError.remoteClosed : idleFailure ?? PoolError.remoteClosed
            return promise.succeed(.failed(reason))
        }
        idleTimer?.cancel()
        idleTimer = nil
        exchange = Exchange(
            promise: promise, timeout: timeout, keepAliveRequested: head.isKeepAlive)
        exchange?.timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
            self.fail(PoolError.deadlineExceeded)
        }
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if body.readableBytes > 0 { context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil) }
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
        written.futureResult.assumeIsolated().whenFailure { self.fail($0) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard exchange != nil else {
            isUsable = false
            context.close(promise: nil)
            return
        }
        switch unwrapInboundIn(data) {
        case .head(let head):
            if (100..<200).contains(head.status.code) && head.status.code != 101 { return }  // 100 Continue and such
            exchange?.head = head
        case .body(var chunk):
            guard exchange?.head != nil else { return }
            let room = InvocationResponse.maxBodyBytes - (exchange?.body.count ?? 0)
            if chunk.readableBytes > room {
                exchange?.body += chunk.readBytes(length: room) ?? []
                finish(truncated: true)
            } else {
                exchange?.body += chunk.readBytes(length: chunk.readableBytes) ?? []
            }
        case .end:
            finish(truncated: false)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        isUsable = false
        fail(PoolError.remoteClosed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if exchange == nil, idleFailure == nil { idleFailure = error }
        fail(error)
    }

    private func finish(truncated: Bool) {
        guard let exchange, let head = exchange.head else { return fail(PoolError.remoteClosed) }
        self.exchange = nil
        exchangesDone += 1
        exchange.timer?.cancel()
        let response = ReceivedResponse(
            status: Int(head.status.code), reason: head.status.reasonPhrase,
            headers: head.headers.map { InvocationHeader(name: $0.name, value: $0.value) }, body: exchange.body,
            truncated: truncated)
        let reusable = isUsable && !truncated && head.isKeepAlive && exchange.keepAliveRequested
        if reusable {
            armIdleTimer()
        } else {
            close()
        }
        exchange.promise.succeed(.response(response, reusable: reusable))
    }

    /// The task that began the exchange answered by `promise` was cancelled: if that exchange is still in progress
    /// it ends now and the connection closes. (One that ended before, its connection perhaps serving another
    /// exchange since, is left alone.)
    func cancel(_ promise: EventLoopPromise<ExchangeOutcome>) {
        guard let exchange, exchange.promise.futureResult === promise.futureResult else { return }
        fail(PoolError.cancelled)
    }

    /// Ends the exchange in progress, if any, with `error`, and closes the connection.
    private func fail(_ error: any Error) {
        let exchange = self.exchange
        self.exchange = nil
        close()  // may call channelInactive at once: the exchange is already taken
        guard let exchange else { return }
        exchange.timer?.cancel()
        guard let head = exchange.head else { return exchange.promise.succeed(.failed(error)) }
        let response = ReceivedResponse(
            status: Int(head.status.code), reason: head.status.reasonPhrase,
            headers: head.headers.map { InvocationHeader(name: $0.name, value: $0.value) }, body: exchange.body,
            truncated: false,
            bodyFailure: TransportErrorText.describe(error, timeout: exchange.timeout)
                + " while reading the response body")
        exchange.promise.succeed(.response(response, reusable: false))
    }

    private func close() {
        guard isUsable || context?.channel.isActive == true else { return }
        isUsable = false
        idleTimer?.cancel()
        context?.close(promise: nil)
    }

    private func armIdleTimer() {
        guard let context else { return }
        idleTimer?.cancel()
        idleTimer = context.eventLoop.assumeIsolated().scheduleTask(in: idleTimeout) { self.close() }
    }
}
