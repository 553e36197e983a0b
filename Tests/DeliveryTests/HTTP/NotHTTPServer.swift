import NIOCore
import NIOPosix

/// A loopback server that answers whatever it is sent with `answer`, which is not HTTP (an SSH banner, a line of
/// noise), then closes its side for writing. It reads on until the client closes: closing with the client's request
/// still unread would reset the connection, and the client could see the reset before the answer.
enum NotHTTPServer {
    private final class Answering: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        let answer: String
        var answered = false
        init(answer: String) { self.answer = answer }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard !answered else { return }
            answered = true
            let context = NIOLoopBound(context, eventLoop: context.eventLoop)
            context.value.writeAndFlush(NIOAny(ByteBuffer(string: answer))).whenComplete { _ in
                context.value.close(mode: .output, promise: nil)
            }
        }
    }

    /// `body` with the server's port; the server is closed after.
    static func with<T>(answer: String, _ body: (Int) async throws -> T) async throws -> T {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Answering(answer: answer))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        do {
            let result = try await body(server.localAddress?.port ?? 0)
            try await server.close()
            return result
        } catch {
            try? await server.close()
            throw error
        }
    }
}
