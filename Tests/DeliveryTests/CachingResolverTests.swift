import Foundation
import Store
import Synchronization
import Testing
import WebhookModel

@testable import Delivery

/// The resolve cache: the guard's view of a host is reused for the TTL, then checked again.
@Suite struct CachingResolverTests {
    /// A `StaticResolver` whose table a test can change, counting lookups.
    final class ChangingResolver: AddressResolver {
        let table: Mutex<StaticResolver>
        let lookups = Mutex(0)

        init(_ table: [String: [IPAddress]]) { self.table = Mutex(StaticResolver(table)) }

        func change(_ table: [String: [IPAddress]]) { self.table.withLock { $0 = StaticResolver(table) } }

        func addresses(of host: String) async throws(ResolutionError) -> [IPAddress] {
            lookups.withLock { $0 += 1 }
            let resolver = table.withLock { $0 }
            return try await resolver.addresses(of: host)
        }
    }

    let first = IPAddress("93.184.215.14")!
    let second = IPAddress("93.184.215.15")!

    @Test func theAnswerIsReusedForTheTTLThenCheckedAgain() async throws {
        let clock = ManualClock()
        let resolver = ChangingResolver(["hooks.example.com": [first]])
        let addressGuard = AddressGuard(resolver: CachingResolver(resolver, ttl: .seconds(60), clock: clock))
        let url = "https://hooks.example.com/in"

        let before = try await addressGuard.check(url).get()
        #expect(before.address == first)
        resolver.change(["hooks.example.com": [second]])
        clock.advance(by: .seconds(59))
        #expect(try await addressGuard.check(url).get().address == first)
        #expect(resolver.lookups.withLock { $0 } == 1)

        clock.advance(by: .seconds(1))
        let after = try await addressGuard.check(url).get()
        #expect(after.address == second)
        #expect(resolver.lookups.withLock { $0 } == 2)
        // A changed address is a new pool: the old one's connections are never used for it.
        #expect(PoolKey(before) != PoolKey(after))
    }

    @Test func aHostThatTurnsPrivateIsRefusedAfterTheTTL() async throws {
        let clock = ManualClock()
        let resolver = ChangingResolver(["hooks.example.com": [first]])
        let addressGuard = AddressGuard(resolver: CachingResolver(resolver, ttl: .seconds(60), clock: clock))
        let url = "https://hooks.example.com/in"
        #expect(try await addressGuard.check(url).get().address == first)
        resolver.change(["hooks.example.com": [IPAddress("10.0.0.5")!]])
        clock.advance(by: .seconds(61))
        guard case .failure(let refusal) = await addressGuard.check(url) else {
            Issue.record("a private address after the TTL was not refused")
            return
        }
        #expect(refusal.description == "target hooks.example.com resolves to 10.0.0.5, a private address")
    }

    @Test func failuresAreNotCached() async throws {
        let clock = ManualClock()
        let resolver = ChangingResolver([:])
        let caching = CachingResolver(resolver, ttl: .seconds(60), clock: clock)
        await #expect(throws: ResolutionError.self) { try await caching.addresses(of: "late.example.com") }
        resolver.change(["late.example.com": [first]])
        #expect(try await caching.addresses(of: "late.example.com") == [first])
        #expect(try await caching.addresses(of: "LATE.example.com") == [first])
        #expect(resolver.lookups.withLock { $0 } == 2)
    }

    @Test func theCacheStaysBounded() async throws {
        let clock = ManualClock()
        let table = Dictionary(uniqueKeysWithValues: (0..<10).map { ("h\($0).example.com", [first]) })
        let resolver = ChangingResolver(table)
        let caching = CachingResolver(resolver, ttl: .seconds(60), clock: clock, capacity: 4)
        for index in 0..<10 { _ = try await caching.addresses(of: "h\(index).example.com") }
        #expect(caching.count <= 4)
    }
}

/// The system resolver bounds a lookup: the system's own retries across its name servers can take far longer than a
/// webhook's timeout.
@Suite struct SystemResolverTests {
    @Test func aLookupWithNoAnswerInTimeFails() async throws {
        let resolver = SystemResolver(timeout: .milliseconds(100)) { _ in
            Thread.sleep(forTimeInterval: 5)
            return .success([])
        }
        await #expect(throws: ResolutionError.self) { try await resolver.addresses(of: "slow.example.com") }
        do {
            _ = try await resolver.addresses(of: "slow.example.com")
        } catch {
            #expect(error.description == "cannot resolve slow.example.com: no answer within 100ms", "\(error)")
        }
    }

    @Test func anAnswerInTimeIsTaken() async throws {
        let resolver = SystemResolver(timeout: .seconds(5)) { _ in .success([IPAddress("93.184.216.34")!]) }
        #expect(try await resolver.addresses(of: "fast.example.com") == [IPAddress("93.184.216.34")!])
    }
}
