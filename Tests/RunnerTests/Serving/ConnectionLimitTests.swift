import Foundation
import Logging
import NIOCore
import NIOEmbedded
import NIOPosix
import Store
import Synchronization
import TestSupport
import Testing

@testable import Runner

/// A raw loopback connection that keeps whatever the server sends, for tests that must see a connection that is
/// open but not yet answered.
final class RawConnection: Sendable {
    private let channel: any Channel
    private let received: Received

    private final class Received: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let bytes = Mutex<[UInt8]>([])
        let closed = Mutex(false)

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let buffer = unwrapInboundIn(data)
            bytes.withLock { $0 += buffer.readableBytesView }
        }

        func channelInactive(context: ChannelHandlerContext) {
            closed.withLock { $0 = true }
            context.fireChannelInactive()
        }
    }

    private init(channel: any Channel, received: Received) {
        self.channel = channel
        self.received = received
    }

    static func open(port: Int) async throws -> RawConnection {
        let received = Received()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(received) }
            }
            .connect(host: "127.0.0.1", port: port).get()
        return RawConnection(channel: channel, received: received)
    }

    /// What the server has sent so far.
    var answer: String { String(decoding: received.bytes.withLock { $0 }, as: UTF8.self) }
    /// Whether the server closed the connection.
    var closedByServer: Bool { received.closed.withLock { $0 } }

    func write(_ text: String) async throws {
        try await channel.writeAndFlush(ByteBuffer(string: text))
    }

    func close() async throws { try await channel.close() }
}

@Suite struct ConnectionLimitTests {
    static let healthz = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"

    /// At the limit the intake stops accepting: a further connection waits, unanswered, and is served as soon as an
    /// open one closes. The open count is the `hookctl_intake_connections` gauge.
    @Test func aConnectionBeyondTheLimitWaitsUntilAnOpenOneCloses() async throws {
        let store = try await RunnerFixtures.store([])
        let metrics = RunnerMetrics()
        try await RunnerServiceTests().withRunner(
            store: store, clock: SystemClock(), allow: [], maxConnections: 2, metrics: metrics
        ) { intake in
            let port = try #require(URL(string: intake)?.port)
            let first = try await RawConnection.open(port: port)
            let second = try await RawConnection.open(port: port)
            try await eventually("both connections are counted") { try Self.open(metrics) == 2 }

            let third = try await RawConnection.open(port: port)
            try await third.write(Self.healthz)
            // A limit that did not hold would have the third answered within milliseconds.
            try await Task.sleep(for: .milliseconds(500))
            #expect(third.answer.isEmpty, "the third connection waits: \(third.answer)")
            #expect(!third.closedByServer, "it waits in the accept queue; it is not refused")
            #expect(try Self.open(metrics) == 2)

            try await second.write(Self.healthz)
            try await eventually("an open connection is served") { second.answer.contains("200 OK") }
            try await second.close()
            try await eventually("the waiting connection is accepted and answered") {
                third.answer.hasPrefix("HTTP/1.1 200")
            }
            #expect(try Self.open(metrics) == 2, "first and third")

            try await first.close()
            try await third.close()
            try await eventually("closed connections give their places back") { try Self.open(metrics) == 0 }
            #expect(try await RunnerServiceTests().post(intake + "/healthz", [], method: "GET").status == 200)
        }
    }

    /// A connection set up when every place is taken (one the listener accepted before it stopped) is closed at
    /// once and reads nothing; its place was never counted, and a place given back can be taken again.
    @Test func aConnectionSetUpAtTheLimitIsClosedAndNotCounted() async throws {
        let opened = Mutex<[Int]>([])
        let limit = ConnectionLimit(limit: 1, logger: Logger(label: "test")) { count in
            opened.withLock { $0.append(count) }
        }
        let holder = EmbeddedChannel()
        try holder.pipeline.syncOperations.addHandler(limit.slot())
        try await holder.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).get()
        #expect(holder.isActive)
        #expect(limit.open == 1)

        let refused = EmbeddedChannel()
        try refused.pipeline.syncOperations.addHandler(limit.slot())
        try await refused.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).get()
        #expect(!refused.isActive, "closed as soon as it was active")
        #expect(limit.open == 1)

        _ = try await holder.close().get()
        #expect(limit.open == 0)
        let next = EmbeddedChannel()
        try next.pipeline.syncOperations.addHandler(limit.slot())
        try await next.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).get()
        #expect(next.isActive)
        #expect(limit.open == 1)
        _ = try await next.close().get()
        #expect(opened.withLock { $0 } == [1, 0, 1, 0])
    }

    static func open(_ metrics: RunnerMetrics) throws -> Double? {
        try PrometheusText(String(decoding: metrics.render(), as: UTF8.self))
            .value(RunnerMetrics.Name.intakeConnections)
    }
}
