import Foundation
import Store
import Synchronization
import TestSupport
import Testing
import WebhookModel

@testable import Delivery

/// The pooled transport against real loopback receivers: reuse, replacement, limits, truncation and shutdown.
@Suite struct PooledTransportTests {
    func withPooledSender<T: Sendable>(
        _ receiver: Receiver, limits: PoolLimits = PoolLimits(),
        _ body: (Sender, PooledHTTPTransport) async throws -> T
    ) async throws -> T {
        let transport = PooledHTTPTransport(limits: limits)
        let sender = try DeliveryFixtures.sender(allow: [receiver.allowTarget], transport: transport)
        do {
            let result = try await body(sender, transport)
            await transport.shutdown()
            return result
        } catch {
            await transport.shutdown()
            throw error
        }
    }

    func send(_ sender: Sender, _ url: String) async -> Invocation {
        await sender.send(DeliveryFixtures.request(DeliveryFixtures.webhook(url)))
    }

    @Test func keepAliveConnectionsAreReused() async throws {
        try await withReceiver(routes: ReceiverRoutes.install) { receiver in
            try await withPooledSender(receiver) { sender, _ in
                for _ in 0..<5 {
                    let invocation = await send(sender, receiver.url("/ok"))
                    #expect(invocation.status == .success, "\(invocation.failureReason ?? "")")
                }
                #expect(receiver.log.all.count == 5)
                #expect(receiver.log.connections == 1)
            }
        }
    }

    @Test func aConnectionTheServerClosedIsReplaced() async throws {
        // The receiver closes a connection idle for 3 s: time enough, on a machine busy with the whole suite, for
        // the first request to arrive on it (with 1 s it sometimes did not, and the first send was reset).
        try await withReceiver(idleTimeout: .seconds(3), routes: ReceiverRoutes.install) { receiver in
            try await withPooledSender(receiver) { sender, transport in
                let first = await send(sender, receiver.url("/ok"))
                #expect(first.status == .success, "\(first.failureReason ?? "")")
                // The pool lets the connection go when it sees the receiver's close (waited for, not guessed with a
                // pause that a loaded machine may overrun).
                try await eventually("the pool let the closed connection go", attempts: 1_000) {
                    transport.poolSizes.values.allSatisfy { $0.open == 0 }
                }
                let second = await send(sender, receiver.url("/ok"))
                #expect(second.status == .success, "\(second.failureReason ?? "")")
                #expect(receiver.log.all.count == 2)
                #expect(receiver.log.connections == 2)
            }
        }
    }

    @Test func connectionCloseFromTheReceiverIsHonoured() async throws {
        try await withReceiver(routes: ReceiverRoutes.install) { receiver in
            try await withPooledSender(receiver) { sender, _ in
                for _ in 0..<3 {
                    let invocation = await send(sender, receiver.url("/close"))
                    #expect(invocation.status == .success, "\(invocation.failureReason ?? "")")
                }
                #expect(receiver.log.connections == 3)
            }
        }
    }

    @Test func httpsConnectionsAreReusedToo() async throws {
        let pki = try await TestPKI.shared()
        try await withReceiver(tls: pki.server, routes: ReceiverRoutes.install) { receiver in
            let transport = PooledHTTPTransport(trust: try TrustRoots(caFile: pki.caFile))
            let sender = try DeliveryFixtures.sender(allow: [receiver.allowTarget], transport: transport)
            for _ in 0..<3 {
                let invocation = await send(sender, receiver.url("/ok"))
                #expect(invocation.status == .success, "\(invocation.failureReason ?? "")")
            }
            await transport.shutdown()
            #expect(receiver.log.connections == 1)
        }
    }

    @Test func theLimitPerKeyHoldsUnder100ConcurrentSends() async throws {
        try await withReceiver(routes: ReceiverRoutes.install) { receiver in
            try await withPooledSender(receiver, limits: PoolLimits(connectionsPerKey: 4)) { sender, transport in
                let successes = await withTaskGroup(of: Bool.self) { group in
                    // The longest timeout: 100 sends queue behind 4 connections, and a busy machine is slow.
                    let webhook = DeliveryFixtures.webhook(receiver.url("/ok"), timeout: .seconds(30))
                    for _ in 0..<100 {
                        group.addTask { await sender.send(DeliveryFixtures.request(webhook)).status == .success }
                    }
                    var count = 0
                    for await success in group where success { count += 1 }
                    return count
                }
                #expect(successes == 100)
                #expect(receiver.log.all.count == 100)
                #expect(receiver.log.connections <= 4, "\(receiver.log.connections) connections")
                #expect(transport.poolSizes.values.allSatisfy { $0.open <= 4 })
            }
        }
    }

    @Test func aFullWaitQueueFailsAtOnce() async throws {
        try await withReceiver(routes: ReceiverRoutes.install) { receiver in
            let limits = PoolLimits(connectionsPerKey: 1, waitersPerKey: 0)
            try await withPooledSender(receiver, limits: limits) { sender, _ in
                async let slow = sender.send(
                    DeliveryFixtures.request(DeliveryFixtures.webhook(receiver.url("/slower"), timeout: .seconds(6))))
                // The one connection is busy once the receiver has the slow request (not after a guessed pause,
                // which a loaded machine overran: the other send then took the connection first), and stays busy
                // until the slow send's deadline: 6 s, under the receiver's 10 s, and long enough that a loaded
                // machine cannot reach it before the second send asks for the connection (2.5 s was overrun
                // once, with the whole suite running on two cores).
                try await eventually("the slow request holds the connection") {
                    receiver.log.count(path: "/slower") == 1
                }
                let refused = await send(sender, receiver.url("/ok"))
                #expect(
                    refused.failureReason
                        == "all 1 connections to the receiver are busy and too many sends are waiting")
                // The busy one still ends by its own deadline (connecting or exchanging, depending on the load).
                let slowReason = await slow.failureReason
                #expect(slowReason?.contains("timed out") == true, "\(slowReason ?? "no failure")")
            }
        }
    }

    @Test func aTruncatedBodyClosesTheConnection() async throws {
        try await withReceiver(routes: ReceiverRoutes.install) { receiver in
            try await withPooledSender(receiver) { sender, _ in
                let huge = await send(sender, receiver.url("/huge"))
                #expect(huge.response?.truncated == true)
                let ok = await send(sender, receiver.url("/ok"))
                #expect(ok.status == .success, "\(ok.failureReason ?? "")")
                let again = await send(sender, receiver.url("/ok"))
                #expect(again.status == .success, "\(again.failureReason ?? "")")
                #expect(receiver.log.connections == 2)
            }
        }
    }

    @Test func shutdownClosesEverythingAndLaterSendsFail() async throws {
        try await withReceiver(routes: ReceiverRoutes.install) { receiver in
            let transport = PooledHTTPTransport()
            let sender = try DeliveryFixtures.sender(allow: [receiver.allowTarget], transport: transport)
            let first = await send(sender, receiver.url("/ok"))
            #expect(first.status == .success, "\(first.failureReason ?? "")")
            #expect(transport.poolSizes.values.map(\.idle) == [1])
            await transport.shutdown()
            #expect(transport.poolSizes.isEmpty)
            let after = await send(sender, receiver.url("/ok"))
            #expect(after.failureReason == "the sender is shutting down")
            await transport.shutdown()  // twice is harmless
        }
    }

    @Test func requestsGoOutAsWritten() throws {
        let target = CheckedTarget(
            url: try #require(TargetURL("https://Hooks.Example.com:8443/in?x=1#frag")),
            address: try #require(IPAddress("93.184.215.14")), isAllowListed: false)
        let (head, body) = PooledHTTPTransport.wire(
            OutgoingRequest(
                method: "POST", url: "https://Hooks.Example.com:8443/in?x=1#frag",
                headers: [.init(name: "Content-Length", value: "999"), .init(name: "X-A", value: "b")],
                body: Array("{}".utf8)),
            to: target)
        #expect(head.uri == "/in?x=1")
        #expect(head.headers["Host"] == ["hooks.example.com:8443"])
        #expect(head.headers["Content-Length"] == ["2"])
        #expect(head.headers["X-A"] == ["b"])
        #expect(body.readableBytes == 2)
        #expect(PoolKey(target).address.description == "93.184.215.14")
    }
}
