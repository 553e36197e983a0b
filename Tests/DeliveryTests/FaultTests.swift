import Foundation
import Store
import TestSupport
import Testing
import WebhookModel

@testable import Delivery

/// Item 7: every bad response or fault is recorded; the sender never crashes or hangs.
@Suite struct FaultTests {
    func send(_ path: String, timeout: Duration = .seconds(5)) async throws -> (Invocation, ReceiverLog) {
        try await withReceiver(routes: ReceiverRoutes.install) { receiver in
            let sender = try DeliveryFixtures.sender(allow: [receiver.allowTarget])
            let webhook = DeliveryFixtures.webhook(receiver.url(path), timeout: timeout)
            return (await sender.send(DeliveryFixtures.request(webhook)), receiver.log)
        }
    }

    @Test func connectionRefused() async throws {
        let port = try await withReceiver(routes: ReceiverRoutes.install) { $0.port }  // now closed
        let sender = try DeliveryFixtures.sender(allow: ["127.0.0.1:\(port)"])
        let invocation = await sender.send(
            DeliveryFixtures.request(DeliveryFixtures.webhook("http://127.0.0.1:\(port)/ok")))
        #expect(invocation.status == .failure)
        #expect(invocation.failureReason == "connection refused")
        #expect(invocation.response == nil)
        #expect(invocation.address == "127.0.0.1")
    }

    @Test func resetMidBody() async throws {
        let (invocation, _) = try await send("/reset")
        #expect(invocation.status == .failure)
        #expect(
            invocation.failureReason?.hasSuffix("while reading the response body") == true,
            "\(invocation.failureReason ?? "")")
        #expect(invocation.response?.status == 200)
        #expect(invocation.response?.body == Array("partial".utf8))
    }

    @Test func slowReceiverPastTheTimeout() async throws {
        let (invocation, _) = try await send("/slow", timeout: .seconds(1))
        #expect(invocation.status == .failure)
        #expect(invocation.failureReason == "timed out after 1s (the webhook's timeout)")
        #expect(invocation.response == nil)
    }

    @Test func hugeResponseIsTruncatedAt64KiB() async throws {
        let (invocation, _) = try await send("/huge")
        #expect(invocation.status == .success)
        #expect(invocation.response?.body.count == InvocationResponse.maxBodyBytes)
        #expect(invocation.response?.truncated == true)
    }

    @Test func endlessResponseIsCutOff() async throws {
        let (invocation, _) = try await send("/endless")
        #expect(invocation.status == .success)
        #expect(invocation.response?.body.count == InvocationResponse.maxBodyBytes)
        #expect(invocation.response?.truncated == true)
    }

    @Test func invalidUTF8IsKeptByteForByte() async throws {
        let (invocation, _) = try await send("/binary")
        #expect(invocation.status == .success)
        #expect(invocation.response?.body == [0x66, 0xFF, 0xFE, 0x00, 0xC3, 0x28])
        #expect(invocation.response?.truncated == false)
    }

    @Test func redirectToAnInternalAddressIsNotFollowed() async throws {
        let (invocation, log) = try await send("/redirect")
        #expect(invocation.status == .failure)
        #expect(
            invocation.failureReason
                == "HTTP 302 redirect to http://169.254.169.254/latest/meta-data/ was not followed; "
                + "webhooks never follow redirects")
        #expect(invocation.response?.status == 302)
        #expect(log.all.count == 1)
    }
}
