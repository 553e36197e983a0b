public import WebhookModel

/// A resolver answering from a fixed table, for tests.
public struct StaticResolver: AddressResolver {
    public var table: [String: [IPAddress]]

    public init(_ table: [String: [IPAddress]]) { self.table = table }

    public func addresses(of host: String) async throws(ResolutionError) -> [IPAddress] {
        guard let addresses = table[host.lowercased()], !addresses.isEmpty else {
            throw ResolutionError("cannot resolve \(host): no such host")
        }
        return addresses
    }
}
