public import Store
import Synchronization
public import WebhookModel

/// Remembers what a resolver answered for each host for `ttl`, then asks again, so a busy sender does not resolve
/// per request. The guard still judges the remembered addresses on every check, so nothing it would refuse is ever
/// connected to; a changed answer after the TTL means a new checked address (and a new connection pool).
/// Failures are not remembered. At most `capacity` hosts are kept.
public final class CachingResolver: AddressResolver {
    private struct Entry {
        var addresses: [IPAddress]
        var expires: WallInstant
    }

    public let base: any AddressResolver
    public let ttl: Duration
    public let capacity: Int
    private let clock: any WallClock
    private let entries = Mutex<[String: Entry]>([:])

    /// Caches `base`'s answers for `ttl` (60 s by default), timed by `clock`.
    public init(
        _ base: any AddressResolver = SystemResolver(), ttl: Duration = .seconds(60),
        clock: any WallClock = SystemClock(), capacity: Int = 10_000
    ) {
        self.base = base
        self.ttl = ttl
        self.clock = clock
        self.capacity = max(1, capacity)
    }

    /// How many hosts are remembered (expired ones included until replaced).
    var count: Int { entries.withLock { $0.count } }

    public func addresses(of host: String) async throws(ResolutionError) -> [IPAddress] {
        let name = host.lowercased()
        let now = clock.now
        if let entry = entries.withLock({ $0[name] }), now < entry.expires { return entry.addresses }
        let addresses = try await base.addresses(of: host)
        let expires = now.advanced(by: ttl)
        entries.withLock { entries in
            if entries[name] == nil, entries.count >= capacity {
                entries = entries.filter { now < $0.value.expires }
                if entries.count >= capacity { entries.removeAll() }
            }
            entries[name] = Entry(addresses: addresses, expires: expires)
        }
        return addresses
    }
}
