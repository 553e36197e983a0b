public import WebhookModel

/// Turns a host name into the addresses it resolves to; injected so the guard is tested without a network.
public protocol AddressResolver: Sendable {
    /// Every address `host` resolves to (IPv4 and IPv6), or an error when it resolves to none.
    func addresses(of host: String) async throws(ResolutionError) -> [IPAddress]
}

/// Why a host name could not be resolved, phrased for the user.
public struct ResolutionError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}
