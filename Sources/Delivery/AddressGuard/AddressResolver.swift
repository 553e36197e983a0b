public import WebhookModel

/// Turns a host name into the addresses it resolves to; injected so the guard is tested without a network.
public protocol AddressResolver: Sendable {
    /// Every address `host` resolves to (IPv4 and IPv6), or an error when it resolves to none.
    func addresses(of host: String) async throws(ResolutionError) -> [IPAddress]

    /// The same, answering by `deadline` (the attempt's) at the latest when it is given; a resolver that answers
    /// from memory need not implement it.
    func addresses(of host: String, before deadline: SendDeadline?) async throws(ResolutionError) -> [IPAddress]
}

extension AddressResolver {
    public func addresses(
        of host: String, before deadline: SendDeadline?
    ) async throws(ResolutionError)
        -> [IPAddress]
    {
        try await addresses(of: host)
    }
}

/// Why a host name could not be resolved, phrased for the user.
public struct ResolutionError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}
