import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import Store
import WebhookModel

/// Performs one HTTP request on a fresh connection to the checked address: no second DNS lookup (the host is
/// mapped to the checked IP with `dnsOverride`, so SNI, certificate checks and `Host` still use the name), no
/// redirects, no retries of the connection, one deadline for the whole exchange.
public struct HTTPExchange: HTTPTransport {
    let tls: TLSConfiguration

    /// An exchange trusting `trust`'s certificate authorities.
    public init(trust: TrustRoots = .system) { tls = trust.clientConfiguration() }

    public func perform(
        _ request: OutgoingRequest, to target: CheckedTarget, deadline: SendDeadline
    ) async
        -> Result<ReceivedResponse, DeliveryFailure>
    {
        let timeout = deadline.timeout
        var configuration = HTTPClient.Configuration()
        configuration.tlsConfiguration = tls
        configuration.redirectConfiguration = .disallow
        configuration.decompression = .disabled
        configuration.httpVersion = .http1Only
        configuration.connectionPool.retryConnectionEstablishment = false
        // Pin the host exactly as async-http-client will read it (Foundation's URL host, brackets trimmed), so it
        // can never resolve the name itself; a host the two parsers read differently is refused.
        guard let clientHost = Self.clientHost(of: request.url), clientHost.lowercased() == target.url.host else {
            return .failure(.transport("the URL's host cannot be read unambiguously; not sending"))
        }
        configuration.dnsOverride[clientHost] = target.address.description
        configuration.dnsOverride[target.url.host] = target.address.description
        let nanoseconds = deadline.remaining.nanoseconds
        configuration.timeout = HTTPClient.Configuration.Timeout(
            connect: .nanoseconds(min(nanoseconds, 5_000_000_000)), read: .nanoseconds(nanoseconds))
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        let result = await Self.run(
            request, client: client, deadline: .now() + .nanoseconds(nanoseconds), timeout: timeout)
        try? await client.shutdown()
        return result
    }

    /// The host async-http-client connects to for `url` (see its `DeconstructedURL`).
    static func clientHost(of url: String) -> String? {
        guard let host = URL(string: url)?.host, !host.isEmpty else { return nil }
        return host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }

    private static func run(
        _ request: OutgoingRequest, client: HTTPClient, deadline: NIODeadline, timeout: Duration
    ) async -> Result<ReceivedResponse, DeliveryFailure> {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = NIOHTTP1.HTTPMethod(rawValue: request.method)
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        outgoing.body = .bytes(ByteBuffer(bytes: request.body))
        let response: HTTPClientResponse
        do {
            response = try await client.execute(outgoing, deadline: deadline)
        } catch {
            return .failure(.transport(TransportErrorText.describe(error, timeout: timeout)))
        }
        var received = ReceivedResponse(
            status: Int(response.status.code), reason: response.status.reasonPhrase,
            headers: response.headers.map { InvocationHeader(name: $0.name, value: $0.value) }, body: [],
            truncated: false)
        let limit = InvocationResponse.maxBodyBytes
        do {
            for try await var chunk in response.body {
                let room = limit - received.body.count
                if chunk.readableBytes > room {
                    received.body += chunk.readBytes(length: room) ?? []
                    received.truncated = true
                    break
                }
                received.body += chunk.readBytes(length: chunk.readableBytes) ?? []
            }
        } catch {
            received.bodyFailure =
                TransportErrorText.describe(error, timeout: timeout) + " while reading the response body"
        }
        return .success(received)
    }
}
