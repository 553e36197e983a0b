import Foundation
import Store
import Synchronization
import Testing
import WebhookModel

@testable import Delivery

/// The sender reaches the network only through its `HTTPTransport`, and only with a target the guard checked.
@Suite struct TransportSeamTests {
    /// A transport that answers from memory and remembers what it was asked to send.
    final class RecordingTransport: HTTPTransport {
        /// Each request, its target, and its deadline with what was left of it when the transport was called.
        let seen = Mutex<[(request: OutgoingRequest, target: CheckedTarget, deadline: SendDeadline, left: Duration)]>(
            [])
        let status: Int

        init(status: Int) { self.status = status }

        func perform(
            _ request: OutgoingRequest, to target: CheckedTarget, deadline: SendDeadline
        ) async -> Result<ReceivedResponse, DeliveryFailure> {
            let left = deadline.remaining
            seen.withLock { $0.append((request, target, deadline, left)) }
            return .success(
                ReceivedResponse(
                    status: status, reason: "Canned", headers: [InvocationHeader(name: "X-From", value: "memory")],
                    body: Array(#"{"ok":true}"#.utf8), truncated: false))
        }
    }

    @Test func theSenderSendsTheCheckedTargetThroughItsTransport() async throws {
        let transport = RecordingTransport(status: 202)
        let sender = Sender(
            addressGuard: AddressGuard(resolver: StaticResolver(["hooks.example.com": [IPAddress("93.184.215.14")!]])),
            transport: transport, clock: ManualClock())
        let webhook = DeliveryFixtures.webhook("https://hooks.example.com/in")
        let invocation = await sender.send(DeliveryFixtures.request(webhook))

        #expect(invocation.status == .success, "\(invocation.failureReason ?? "")")
        #expect(invocation.address == "93.184.215.14")
        #expect(invocation.response?.status == 202)
        #expect(invocation.response?.headers.first?.value == "memory")
        let calls = transport.seen.withLock { $0 }
        try #require(calls.count == 1)
        #expect(calls[0].target.address.description == "93.184.215.14")
        #expect(calls[0].target.url.host == "hooks.example.com")
        #expect(calls[0].request.url == "https://hooks.example.com/in")
        #expect(calls[0].request.body == invocation.request.body)
        #expect(calls[0].deadline.timeout == webhook.timeout, "the attempt's deadline: the webhook's timeout")
    }

    @Test func aRefusedTargetNeverReachesTheTransport() async throws {
        let transport = RecordingTransport(status: 200)
        let sender = Sender(
            addressGuard: AddressGuard(resolver: StaticResolver(["internal.example.com": [IPAddress("10.0.0.7")!]])),
            transport: transport)
        let invocation = await sender.send(
            DeliveryFixtures.request(DeliveryFixtures.webhook("https://internal.example.com/in")))
        #expect(invocation.status == .failure)
        #expect(invocation.failureReason?.contains("10.0.0.7") == true, "\(invocation.failureReason ?? "")")
        #expect(transport.seen.withLock { $0.isEmpty })
    }

    /// The webhook's timeout bounds the whole attempt: a slow lookup leaves the exchange only what is left, and one
    /// slower than the timeout fails the attempt without sending (each step alone would have been in time).
    @Test func resolvingAndSendingShareTheAttemptsTimeout() async throws {
        func sender(lookupTakes seconds: Double, transport: RecordingTransport) -> Sender {
            let resolver = SystemResolver(timeout: .seconds(10)) { _ in
                Thread.sleep(forTimeInterval: seconds)
                return .success([IPAddress("93.184.215.14")!])
            }
            return Sender(addressGuard: AddressGuard(resolver: resolver), transport: transport)
        }
        let webhook = DeliveryFixtures.webhook("https://hooks.example.com/in", timeout: .seconds(1))

        let slowLookup = RecordingTransport(status: 200)
        let late = await sender(lookupTakes: 2, transport: slowLookup).send(DeliveryFixtures.request(webhook))
        #expect(late.status == .failure)
        #expect(
            late.failureReason?.contains("no answer before the attempt's 1s timeout ran out") == true,
            "\(late.failureReason ?? "")")
        #expect(slowLookup.seen.withLock { $0.isEmpty }, "nothing was sent")

        let someLookup = RecordingTransport(status: 200)
        let sent = await sender(lookupTakes: 0.3, transport: someLookup).send(DeliveryFixtures.request(webhook))
        #expect(sent.status == .success)
        let call = try #require(someLookup.seen.withLock { $0.first })
        #expect(call.deadline.timeout == .seconds(1))
        #expect(call.left <= .milliseconds(700), "the exchange was given what the 300 ms lookup left: \(call.left)")
    }
}
