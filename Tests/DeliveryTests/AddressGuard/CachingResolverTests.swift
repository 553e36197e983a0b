import Foundation
import Store
import Synchronization
import TestSupport
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

    @Test func aLookupGetsNoLongerThanWhatIsLeftOfTheAttempt() async throws {
        let resolver = SystemResolver(timeout: .seconds(10)) { _ in
            Thread.sleep(forTimeInterval: 5)
            return .success([])
        }
        do {
            _ = try await resolver.addresses(of: "slow.example.com", before: SendDeadline(timeout: .milliseconds(100)))
            Issue.record("a lookup past the attempt's deadline was waited for")
        } catch {
            #expect(
                error.description
                    == "cannot resolve slow.example.com: no answer before the attempt's 100ms timeout ran out",
                "\(error)")
        }
    }

    @Test func anAnswerInTimeIsTaken() async throws {
        let resolver = SystemResolver(timeout: .seconds(5)) { _ in .success([IPAddress("93.184.216.34")!]) }
        #expect(try await resolver.addresses(of: "fast.example.com") == [IPAddress("93.184.216.34")!])
    }
}

/// Callers asking for a host while it is being looked up share that one lookup.
@Suite struct SharedLookupTests {
    /// A resolver whose lookups wait until released (or cancelled), counting them.
    final class GatedResolver: AddressResolver {
        private let state = Mutex((lookups: 0, released: false))
        var lookups: Int { state.withLock { $0.lookups } }
        func release() { state.withLock { $0.released = true } }

        func addresses(of host: String) async throws(ResolutionError) -> [IPAddress] {
            state.withLock { $0.lookups += 1 }
            while !state.withLock({ $0.released }) {
                if Task.isCancelled { throw ResolutionError("resolving \(host) was cancelled") }
                try? await Task.sleep(for: .milliseconds(5))
            }
            return [IPAddress("93.184.215.14")!]
        }
    }

    @Test func concurrentCallersShareOneLookup() async throws {
        let gated = GatedResolver()
        let resolver = CachingResolver(gated, clock: ManualClock())
        let answers = try await withThrowingTaskGroup(of: [IPAddress].self) { group in
            for _ in 0..<20 { group.addTask { try await resolver.addresses(of: "hooks.example.com") } }
            try await eventually("the first lookup began, the others wait for it") {
                gated.lookups == 1 && resolver.waiting(for: "hooks.example.com") == 19
            }
            gated.release()
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(answers.count == 20)
        #expect(answers.allSatisfy { $0 == [IPAddress("93.184.215.14")!] })
        #expect(gated.lookups == 1, "one lookup for twenty callers")
    }

    typealias Caller = Task<[IPAddress], any Error>

    /// A caller leading a lookup that waits on `gated`, and a second one waiting for it.
    func leaderAndWaiter(_ gated: GatedResolver, _ resolver: CachingResolver) async throws -> (Caller, Caller) {
        let leader = Task { try await resolver.addresses(of: "hooks.example.com") }
        try await eventually("the lookup began") { gated.lookups == 1 }
        let waiter = Task { try await resolver.addresses(of: "hooks.example.com") }
        try await eventually("the waiter waits") { resolver.waiting(for: "hooks.example.com") == 1 }
        return (leader, waiter)
    }

    @Test func aCancelledWaiterIsAnsweredAtOnceWhileTheLookupGoesOn() async throws {
        let gated = GatedResolver()
        let resolver = CachingResolver(gated, clock: ManualClock())
        let (leader, waiter) = try await leaderAndWaiter(gated, resolver)
        waiter.cancel()
        await #expect(throws: ResolutionError("resolving hooks.example.com was cancelled")) { try await waiter.value }
        gated.release()
        #expect(try await leader.value == [IPAddress("93.184.215.14")!])
        #expect(gated.lookups == 1)
    }

    @Test func whenTheLeadingCallerIsCancelledAWaiterLooksUpItself() async throws {
        let gated = GatedResolver()
        let resolver = CachingResolver(gated, clock: ManualClock())
        let (leader, waiter) = try await leaderAndWaiter(gated, resolver)
        leader.cancel()
        await #expect(throws: ResolutionError.self) { try await leader.value }
        try await eventually("the waiter began its own lookup") { gated.lookups == 2 }
        gated.release()
        #expect(try await waiter.value == [IPAddress("93.184.215.14")!], "not the cancelled caller's failure")
    }

    @Test func aWaiterGivesUpAtItsOwnDeadlineWhileTheLookupGoesOn() async throws {
        let gated = GatedResolver()
        let resolver = CachingResolver(gated, clock: ManualClock())
        let leader = Task { try await resolver.addresses(of: "hooks.example.com") }
        try await eventually("the lookup began") { gated.lookups == 1 }
        do {
            _ = try await resolver.addresses(
                of: "hooks.example.com", before: SendDeadline(timeout: .milliseconds(100)))
            Issue.record("the waiter waited past its deadline")
        } catch {
            #expect(
                error.description
                    == "cannot resolve hooks.example.com: no answer before the attempt's 100ms timeout ran out")
        }
        gated.release()
        #expect(try await leader.value == [IPAddress("93.184.215.14")!])
        #expect(resolver.waiting(for: "hooks.example.com") == 0)
    }

    @Test func aLookupCutShortByItsLeadersDeadlineIsAskedAgainByTheWaiters() async throws {
        let calls = Mutex(0)
        let base = SystemResolver(timeout: .seconds(10)) { _ in
            calls.withLock { $0 += 1 }
            Thread.sleep(forTimeInterval: 2.5)
            return .success([IPAddress("93.184.215.14")!])
        }
        let resolver = CachingResolver(base, clock: ManualClock())
        let leader = Task {
            // Long enough for the waiter to join on a busy machine, shorter than the lookup.
            try await resolver.addresses(of: "hooks.example.com", before: SendDeadline(timeout: .seconds(2)))
        }
        try await eventually("the lookup began") { calls.withLock { $0 } == 1 }
        let waiter = Task { try await resolver.addresses(of: "hooks.example.com") }
        try await eventually("the waiter waits") { resolver.waiting(for: "hooks.example.com") == 1 }
        await #expect(throws: ResolutionError.self) { try await leader.value }
        #expect(try await waiter.value == [IPAddress("93.184.215.14")!], "not the leader's deadline failure")
        #expect(calls.withLock { $0 } == 2, "the waiter looked up again")
    }
}
