import Foundation
import Store
import TestSupport
import Testing
import WebhookModel

@testable import Delivery

/// Item 7: every bad response or fault is recorded; the sender never crashes or hangs.
@Suite struct FaultTests {
    func send(
        _ path: String, timeout: Duration = .seconds(5), over kind: TransportKind
    ) async throws -> (Invocation, ReceiverLog) {
        try await withReceiver(routes: ReceiverRoutes.install) { receiver in
            try await DeliveryFixtures.withSender(kind, allow: [receiver.allowTarget]) { sender in
                let webhook = DeliveryFixtures.webhook(receiver.url(path), timeout: timeout)
                return (await sender.send(DeliveryFixtures.request(webhook)), receiver.log)
            }
        }
    }

    @Test(arguments: TransportKind.allCases) func connectionRefused(_ kind: TransportKind) async throws {
        let invocation = try await withRefusingPort { port in
            try await DeliveryFixtures.withSender(kind, allow: ["127.0.0.1:\(port)"]) { sender in
                await sender.send(DeliveryFixtures.request(DeliveryFixtures.webhook("http://127.0.0.1:\(port)/ok")))
            }
        }
        #expect(invocation.status == .failure)
        #expect(invocation.failureReason == "connection refused")
        #expect(invocation.response == nil)
        #expect(invocation.address == "127.0.0.1")
    }

    /// A receiver that answers with something that is not HTTP is a failure that says so, not the parser's words.
    /// (The longest timeout a webhook may have: the answer is what is tested, and a machine busy with the rest of
    /// the suite can take seconds to schedule the send.)
    @Test(arguments: TransportKind.allCases) func anAnswerThatIsNotHTTP(_ kind: TransportKind) async throws {
        let invocation = try await NotHTTPServer.with(answer: "SSH-2.0-OpenSSH_9.6\r\n") { port in
            try await DeliveryFixtures.withSender(kind, allow: ["127.0.0.1:\(port)"]) { sender in
                let webhook = DeliveryFixtures.webhook("http://127.0.0.1:\(port)/ok", timeout: .seconds(30))
                return await sender.send(DeliveryFixtures.request(webhook))
            }
        }
        #expect(invocation.status == .failure)
        #expect(
            invocation.failureReason?.hasPrefix("the receiver's answer is not an HTTP/1.1 response") == true,
            "\(invocation.failureReason ?? "")")
        #expect(invocation.response == nil)
    }

    @Test(arguments: TransportKind.allCases) func resetMidBody(_ kind: TransportKind) async throws {
        let (invocation, _) = try await send("/reset", over: kind)
        #expect(invocation.status == .failure)
        #expect(
            invocation.failureReason?.hasSuffix("while reading the response body") == true,
            "\(invocation.failureReason ?? "")")
        #expect(invocation.response?.status == 200)
        #expect(invocation.response?.body == Array("partial".utf8))
    }

    @Test(arguments: TransportKind.allCases) func slowReceiverPastTheTimeout(_ kind: TransportKind) async throws {
        let (invocation, _) = try await send("/slow", timeout: .seconds(1), over: kind)
        #expect(invocation.status == .failure)
        #expect(invocation.failureReason == "timed out after 1s (the webhook's timeout)")
        #expect(invocation.response == nil)
    }

    @Test(arguments: TransportKind.allCases) func hugeResponseIsTruncatedAt64KiB(_ kind: TransportKind) async throws {
        let (invocation, _) = try await send("/huge", over: kind)
        #expect(invocation.status == .success)
        #expect(invocation.response?.body.count == InvocationResponse.maxBodyBytes)
        #expect(invocation.response?.truncated == true)
    }

    @Test(arguments: TransportKind.allCases) func endlessResponseIsCutOff(_ kind: TransportKind) async throws {
        let (invocation, _) = try await send("/endless", over: kind)
        #expect(invocation.status == .success)
        #expect(invocation.response?.body.count == InvocationResponse.maxBodyBytes)
        #expect(invocation.response?.truncated == true)
    }

    @Test(arguments: TransportKind.allCases) func invalidUTF8IsKeptByteForByte(_ kind: TransportKind) async throws {
        let (invocation, _) = try await send("/binary", over: kind)
        #expect(invocation.status == .success)
        #expect(invocation.response?.body == [0x66, 0xFF, 0xFE, 0x00, 0xC3, 0x28])
        #expect(invocation.response?.truncated == false)
    }

    @Test(arguments: TransportKind.allCases) func redirectToAnInternalAddressIsNotFollowed(
        _ kind: TransportKind
    ) async throws {
        let (invocation, log) = try await send("/redirect", over: kind)
        #expect(invocation.status == .failure)
        #expect(
            invocation.failureReason
                == "HTTP 302 redirect to http://169.254.169.254/latest/meta-data/ was not followed; "
                + "webhooks never follow redirects")
        #expect(invocation.response?.status == 302)
        #expect(log.all.count == 1)
    }
}
