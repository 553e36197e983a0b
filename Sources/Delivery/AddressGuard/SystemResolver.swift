import Foundation
public import WebhookModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The system resolver (`getaddrinfo`), run off the caller's thread. The sender connects to an address this returned
/// and never resolves the name a second time.
public struct SystemResolver: AddressResolver {
    public init() {}

    public func addresses(of host: String) async throws(ResolutionError) -> [IPAddress] {
        let result = await withCheckedContinuation {
            (continuation: CheckedContinuation<Result<[IPAddress], ResolutionError>, Never>) in
            Thread.detachNewThread { continuation.resume(returning: Self.lookUp(host)) }
        }
        return try result.get()
    }

    private static func lookUp(_ host: String) -> Result<[IPAddress], ResolutionError> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
            hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        guard status == 0, let first = list else {
            let reason = status == 0 ? "no addresses" : String(cString: gai_strerror(status))
            return .failure(ResolutionError("cannot resolve \(host): \(reason)"))
        }
        defer { freeaddrinfo(first) }
        var addresses: [IPAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            if let address = ipAddress(entry.pointee), !addresses.contains(address) { addresses.append(address) }
            cursor = entry.pointee.ai_next
        }
        guard !addresses.isEmpty else { return .failure(ResolutionError("cannot resolve \(host): no addresses")) }
        return .success(addresses)
    }

    private static func ipAddress(_ info: addrinfo) -> IPAddress? {
        guard let sockaddr = info.ai_addr else { return nil }
        switch info.ai_family {
        case AF_INET:
            return sockaddr.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                .v4(UInt32(bigEndian: $0.pointee.sin_addr.s_addr))
            }
        case AF_INET6:
            return sockaddr.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                var address = $0.pointee.sin6_addr
                return .v6(withUnsafeBytes(of: &address) { Array($0) })
            }
        default:
            return nil
        }
    }
}
