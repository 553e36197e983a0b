import Logging
import NIOCore
import NIOHTTPTypes
import Synchronization

/// Bounds how many connections one listener holds open at once, so clients that open connections and sit on them
/// cannot take every file descriptor the process has (which the sends need too).
///
/// At the limit the listener stops accepting: a new connection waits in the kernel's accept queue, and is taken
/// in as soon as an open one closes, as nginx and Go's `LimitListener` do. The few a listener accepts before it
/// has stopped (an accept takes several connections at once, on another thread than the ones that count them) are
/// closed at once, unanswered, so the count never passes the limit.
final class ConnectionLimit: Sendable {
    let limit: Int
    private let state: Mutex<State>
    private let logger: Logger
    private let opened: @Sendable (Int) -> Void

    private struct State {
        var open = 0
        /// When the limit was last logged: at most once a minute, however often it is reached.
        var warned: ContinuousClock.Instant?
    }

    /// `opened` is told the number of open connections each time it changes (the runner's gauge).
    init(limit: Int, logger: Logger, opened: @escaping @Sendable (Int) -> Void = { _ in }) {
        precondition(limit >= 1, "a connection limit must be at least 1")
        self.limit = limit
        self.logger = logger
        self.opened = opened
        state = Mutex(State())
    }

    /// Connections open now.
    var open: Int { state.withLock { $0.open } }

    /// The handler that holds one connection's place, for that connection's pipeline.
    func slot() -> ConnectionSlot { ConnectionSlot(limit: self) }

    /// Takes a place for a new connection: `false` when every place is taken.
    fileprivate func take(listener: (any Channel)?) -> Bool {
        let (taken, open, warn) = state.withLock { state -> (Bool, Int, Bool) in
            guard state.open < limit else { return (false, state.open, false) }
            state.open += 1
            guard state.open == limit else { return (true, state.open, false) }
            let now = ContinuousClock.now
            let warn = state.warned.map { now - $0 >= .seconds(60) } ?? true
            if warn { state.warned = now }
            return (true, state.open, warn)
        }
        guard taken else { return false }
        opened(open)
        if open == limit {
            if warn {
                logger.warning(
                    "connection limit reached: new connections wait to be accepted until one closes",
                    metadata: ["max_connections": "\(limit)"])
            }
            accepting(listener)
        }
        return true
    }

    /// Gives back the place of a connection that closed.
    fileprivate func giveBack(listener: (any Channel)?) {
        let open = state.withLock { state -> Int in
            state.open -= 1
            return state.open
        }
        opened(open)
        if open == limit - 1 { accepting(listener) }
    }

    /// Has the listener accept while there is room and stop at the limit. It reads the count on the listener's own
    /// event loop, when it runs, so of several changes the last one run decides, and a listener is never left
    /// stopped with room to spare.
    private func accepting(_ listener: (any Channel)?) {
        guard let listener else { return }
        listener.eventLoop.execute {
            let room = self.open < self.limit
            listener.setOption(ChannelOptions.autoRead, value: room).whenFailure { _ in
                // The listener is closing: nothing is accepted any more either way.
            }
        }
    }
}

/// Holds one connection's place in a `ConnectionLimit` from the moment the connection is set up until it closes;
/// a connection that found no place is closed as soon as it is active, and nothing it sends is read.
final class ConnectionSlot: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let limit: ConnectionLimit
    private var place = Place.notYetTaken

    /// Where this connection stands with its place: it is taken once, when the handler is added, and given back once.
    private enum Place {
        case notYetTaken
        case holding
        case refused
        case givenBack
    }

    fileprivate init(limit: ConnectionLimit) { self.limit = limit }

    func handlerAdded(context: ChannelHandlerContext) {
        place = limit.take(listener: context.channel.parent) ? .holding : .refused
        if place == .refused, context.channel.isActive { context.close(promise: nil) }
    }

    func channelActive(context: ChannelHandlerContext) {
        if place == .refused {
            context.close(promise: nil)
            return
        }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard place != .refused else { return }
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        release(context)
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) { release(context) }

    /// The place is given back once, as soon as the connection closes (or the handler leaves its pipeline).
    private func release(_ context: ChannelHandlerContext) {
        guard place == .holding else { return }
        place = .givenBack
        limit.giveBack(listener: context.channel.parent)
    }
}
