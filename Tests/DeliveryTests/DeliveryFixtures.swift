import AccessEvents
import Delivery
import Foundation
import Store
import WebhookModel

/// Webhooks, senders and requests for the integration tests; everything targets loopback receivers.
enum DeliveryFixtures {
    static let body =
        #"{"type": "{{event_type}}", "request": "{{data.friendly_id}}", "who": "{{data.requester.name}}"}"#

    static func webhook(
        _ url: String, auth: Auth = .none, signing: Signing? = nil, headers: [Header] = [],
        timeout: Duration = .seconds(5)
    ) -> Webhook {
        Webhook(
            name: "test-hook", method: .post, url: url, headers: headers, auth: auth, triggers: [.created],
            body: body, timeout: timeout, signing: signing)
    }

    static func sender(
        allow: [String], trust: TrustRoots = .system, resolver: any AddressResolver = SystemResolver(),
        tokens: OAuthTokenCache = OAuthTokenCache(), transport: (any HTTPTransport)? = nil
    ) throws -> Sender {
        Sender(
            addressGuard: AddressGuard(resolver: resolver, allowList: try TargetAllowList(allow)),
            transport: transport ?? HTTPExchange(trust: trust),
            tokens: tokens)
    }

    /// Runs `body` with a sender over `kind`'s transport (shut down afterwards).
    static func withSender<T: Sendable>(
        _ kind: TransportKind, allow: [String], trust: TrustRoots = .system,
        resolver: any AddressResolver = SystemResolver(), _ body: (Sender) async throws -> T
    ) async throws -> T {
        let transport = kind.make(trust: trust)
        let sender = try sender(allow: allow, trust: trust, resolver: resolver, transport: transport)
        do {
            let result = try await body(sender)
            await (transport as? PooledHTTPTransport)?.shutdown()
            return result
        } catch {
            await (transport as? PooledHTTPTransport)?.shutdown()
            throw error
        }
    }

    static func request(
        _ webhook: Webhook, secrets: [String: String] = [:], eventID: String = "evt-1", attempt: Int = 1
    ) -> DeliveryRequest {
        DeliveryRequest(
            webhook: webhook, secrets: ResolvedSecrets(secrets), event: EventSamples.sample(for: .created),
            eventID: eventID, trigger: .created, attempt: attempt)
    }

    /// The stored JSON of an invocation, to prove a secret appears nowhere in it.
    static func storedText(_ invocation: Invocation) throws -> String {
        let encoder = JSONEncoder()
        let text = String(decoding: try encoder.encode(invocation), as: UTF8.self)
        let bodies = [invocation.request.body, invocation.response?.body ?? []].map {
            String(decoding: $0, as: UTF8.self)
        }
        return ([text] + bodies + invocation.request.headers.map(\.value)).joined(separator: "\n")
    }
}

/// The two transports the network-facing tests run against: the same texts are expected from both.
enum TransportKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case exchange
    case pooled

    var description: String { rawValue }

    func make(trust: TrustRoots) -> any HTTPTransport {
        switch self {
        case .exchange: HTTPExchange(trust: trust)
        case .pooled: PooledHTTPTransport(trust: trust)
        }
    }
}

extension Invocation {
    func requestHeader(_ name: String) -> String? {
        request.headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
    func responseHeader(_ name: String) -> String? {
        response?.headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
