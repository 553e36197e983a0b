import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1

/// Whether a connection persists after a request, as HTTP/1.1 says (RFC 9112 §9.3). Hummingbird closes one only
/// when the request's `Connection` header is exactly `close`: an HTTP/1.0 request without `keep-alive` (ApacheBench's,
/// `curl --http1.0`'s) was answered and its connection then held open until the idle timeout, while the client
/// waited for the close that ends such a response; `Connection: Close, TE` kept it open too.
///
/// This handler, one of a listener's additional handlers (which come after the HTTP/1 to HTTP types codec, where a
/// request's version is gone), puts `HTTP1Persistence` just before that codec and steps aside.
final class ConnectionPersistence: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart

    func handlerAdded(context: ChannelHandlerContext) {
        do {
            let codec = try context.pipeline.syncOperations.context(handlerType: HTTP1ToHTTPServerCodec.self)
            try context.pipeline.syncOperations.addHandler(HTTP1Persistence(), position: .before(codec.handler))
        } catch {
            context.fireErrorCaught(error)
        }
    }
}

/// Sees HTTP/1 heads: a request that does not keep its connection (HTTP/1.0 without `keep-alive`, or any request
/// with a `close` token) is passed on with `Connection: close`, so the connection is closed once it is answered;
/// the answer to an HTTP/1.0 request carries its version, and `Connection: keep-alive` when the client asked for it
/// (an HTTP/1.0 client takes a connection without it as closing).
final class HTTP1Persistence: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// The requests read and not yet answered, in order (HTTP/1 answers them in that order).
    private var unanswered: [(version: HTTPVersion, keepAlive: Bool)] = []

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data) else { return context.fireChannelRead(data) }
        let keepAlive = head.isKeepAlive
        if !keepAlive { head.headers.replaceOrAdd(name: "connection", value: "close") }
        unanswered.append((head.version, keepAlive))
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        // A 1xx (100 Continue) is not the answer; a 400 for an unreadable request answers nothing that was read.
        guard case .head(var head) = unwrapOutboundIn(data), head.status.code >= 200, !unanswered.isEmpty else {
            return context.write(data, promise: promise)
        }
        let request = unanswered.removeFirst()
        if request.version.major == 1 && request.version.minor == 0 {
            head.version = request.version
            if request.keepAlive { head.headers.replaceOrAdd(name: "connection", value: "keep-alive") }
        }
        context.write(wrapOutboundOut(.head(head)), promise: promise)
    }
}
