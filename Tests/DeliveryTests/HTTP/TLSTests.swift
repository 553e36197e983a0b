import Foundation
import Store
import TestSupport
import Testing
import WebhookModel

@testable import Delivery

/// HTTPS receivers with a CA made by `openssl` at test time.
@Suite struct TLSTests {
    static func pki() async throws -> TestPKI { try await TestPKI.shared() }

    @Test(arguments: TransportKind.allCases) func trustedWithCAFile(_ kind: TransportKind) async throws {
        try await withReceiver(tls: Self.pki().server, routes: ReceiverRoutes.install) {
            receiver in
            try await DeliveryFixtures.withSender(
                kind, allow: [receiver.allowTarget], trust: try TrustRoots(caFile: Self.pki().caFile)
            ) { sender in
                let invocation = await sender.send(
                    DeliveryFixtures.request(DeliveryFixtures.webhook(receiver.url("/ok"))))
                #expect(invocation.status == .success, "\(invocation.failureReason ?? "")")
            }
        }
    }

    @Test(arguments: TransportKind.allCases) func connectsToTheCheckedAddressButVerifiesTheName(
        _ kind: TransportKind
    ) async throws {
        // receiver.hookctl.test exists only in the injected resolver: the connection must go to the checked address
        // (no second lookup), while SNI, the certificate check and Host use the name.
        try await withReceiver(tls: Self.pki().server, routes: ReceiverRoutes.install) {
            receiver in
            let host = "receiver.hookctl.test"
            try await DeliveryFixtures.withSender(
                kind, allow: ["\(host):\(receiver.port)"], trust: try TrustRoots(caFile: Self.pki().caFile),
                resolver: StaticResolver([host: [IPAddress("127.0.0.1")!]])
            ) { sender in
                let invocation = await sender.send(
                    DeliveryFixtures.request(DeliveryFixtures.webhook(receiver.url("/ok", host: host))))
                #expect(invocation.status == .success, "\(invocation.failureReason ?? "")")
                #expect(invocation.address == "127.0.0.1")
                #expect(receiver.log.all.first?.headers["host"] == "\(host):\(receiver.port)")
                // Upper case in the URL must not slip past the pinning into a system DNS lookup.
                let shouted = await sender.send(
                    DeliveryFixtures.request(
                        DeliveryFixtures.webhook(receiver.url("/ok", host: "Receiver.HOOKCTL.test"))))
                #expect(shouted.status == .success, "\(shouted.failureReason ?? "")")
            }
        }
    }

    @Test(arguments: TransportKind.allCases) func untrustedCertificateIsATLSFailure(_ kind: TransportKind) async throws
    {
        try await withReceiver(tls: Self.pki().server, routes: ReceiverRoutes.install) {
            receiver in
            try await DeliveryFixtures.withSender(kind, allow: [receiver.allowTarget]) { sender in
                let invocation = await sender.send(
                    DeliveryFixtures.request(DeliveryFixtures.webhook(receiver.url("/ok"))))
                #expect(invocation.status == .failure)
                #expect(
                    invocation.failureReason?.hasPrefix("TLS failure: the receiver's certificate is not trusted")
                        == true,
                    "\(invocation.failureReason ?? "")")
                #expect(receiver.log.all.isEmpty)
            }
        }
    }

    @Test(arguments: TransportKind.allCases) func certificateForAnotherNameIsATLSFailure(
        _ kind: TransportKind
    ) async throws {
        try await withReceiver(
            tls: Self.pki().wrongName, routes: ReceiverRoutes.install
        ) { receiver in
            try await DeliveryFixtures.withSender(
                kind, allow: [receiver.allowTarget], trust: try TrustRoots(caFile: Self.pki().caFile)
            ) { sender in
                let invocation = await sender.send(
                    DeliveryFixtures.request(DeliveryFixtures.webhook(receiver.url("/ok"))))
                #expect(invocation.status == .failure)
                #expect(invocation.failureReason?.hasPrefix("TLS failure") == true, "\(invocation.failureReason ?? "")")
                #expect(receiver.log.all.isEmpty)
            }
        }
    }

    @Test(arguments: TransportKind.allCases) func plainHTTPClientToTLSPortFailsCleanly(
        _ kind: TransportKind
    ) async throws {
        try await withReceiver(tls: Self.pki().server, routes: ReceiverRoutes.install) {
            receiver in
            try await DeliveryFixtures.withSender(kind, allow: [receiver.allowTarget]) { sender in
                let url = "http://127.0.0.1:\(receiver.port)/ok"
                // A timeout far longer than the close takes (2 s was overrun with the whole suite on two cores).
                let invocation = await sender.send(
                    DeliveryFixtures.request(DeliveryFixtures.webhook(url, timeout: .seconds(15))))
                #expect(invocation.status == .failure)
                // The TLS server drops the plain-text request without a response: a failure, not a hang or a crash.
                // Whether the client then reads the end of the stream or a reset depends on whether the server closed
                // with the request still unread (the kernel answers that with a reset): both are this failure.
                #expect(
                    [
                        "the receiver closed the connection before the response was complete",
                        "connection reset by the receiver",
                    ].contains(invocation.failureReason), "\(invocation.failureReason ?? "")")
                #expect(invocation.response == nil)
                #expect(receiver.log.all.isEmpty)
            }
        }
    }

    /// The message names the file and what is wrong with it.
    @Test func missingCAFileIsAClearError() throws {
        let missing = #expect(throws: TrustRootsError.self) { try TrustRoots(caFile: "/nonexistent/ca.pem") }
        #expect(missing?.description == "cannot read CA file /nonexistent/ca.pem: no such file")

        let workspace = try Workspace(webhooksDirectory: false)
        let garbage = try workspace.write("garbage.pem", "not a certificate\n")
        let unreadable = #expect(throws: TrustRootsError.self) { try TrustRoots(caFile: garbage) }
        #expect(
            unreadable?.description
                == "CA file \(garbage) holds no PEM certificate (a \"-----BEGIN CERTIFICATE-----\" block)")
        let folder = #expect(throws: TrustRootsError.self) { try TrustRoots(caFile: workspace.path) }
        #expect(folder?.description == "cannot read CA file \(workspace.path): it is a directory")
    }
}
