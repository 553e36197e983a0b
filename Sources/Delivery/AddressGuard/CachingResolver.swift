import Foundation
public import Store
import Synchronization
public import WebhookModel

/// Remembers what a resolver answered for each host for `ttl`, then asks again, so a busy sender does not resolve
/// per request. The guard still judges the remembered addresses on every check, so nothing it would refuse is ever
/// connected to; a changed answer after the TTL means a new checked address (and a new connection pool).
/// Failures are not remembered. At most `capacity` hosts are kept. Callers asking for a host while it is being
/// looked up wait for that one lookup rather than starting their own, each no longer than its own deadline.
public final class CachingResolver: AddressResolver {
    private struct Entry {
        var addresses: [IPAddress]
        var expires: WallInstant
    }
    private struct State {
        var entries: [String: Entry] = [:]
        var lookups: [String: SharedLookup] = [:]
    }

    public let base: any AddressResolver
    public let ttl: Duration
    public let capacity: Int
    private let clock: any WallClock
    private let state = Mutex(State())

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
    var count: Int { state.withLock { $0.entries.count } }

    /// How many callers wait for the lookup of `host` under way (for tests).
    func waiting(for host: String) -> Int { state.withLock { $0.lookups[host.lowercased()] }?.waiting ?? 0 }

    public func addresses(of host: String) async throws(ResolutionError) -> [IPAddress] {
        try await addresses(of: host, before: nil)
    }

    public func addresses(
        of host: String, before deadline: SendDeadline?
    ) async throws(ResolutionError)
        -> [IPAddress]
    {
        let name = host.lowercased()
        while true {
            let now = clock.now
            let role: Role = state.withLock { state in
                if let entry = state.entries[name], now < entry.expires { return .remembered(entry.addresses) }
                if let lookup = state.lookups[name] { return .waiting(lookup) }
                let lookup = SharedLookup()
                state.lookups[name] = lookup
                return .leading(lookup)
            }
            switch role {
            case .remembered(let addresses):
                return addresses
            case .waiting(let lookup):
                // `nil`: the lookup ended on its leading caller's cancellation or deadline, so its answer says
                // nothing of the host.
                if let answer = await lookup.answer(host: host, before: deadline) { return try answer.get() }
            case .leading(let lookup):
                let answer: Result<[IPAddress], ResolutionError>
                do { answer = .success(try await base.addresses(of: host, before: deadline)) } catch {
                    answer = .failure(error)
                }
                remember(name, answer, lookup: lookup, now: now)
                let failed = if case .failure = answer { true } else { false }
                let cutShort = Task.isCancelled || (failed && deadline.map { $0.remaining == .zero } == true)
                lookup.finish(cutShort ? nil : answer)
                return try answer.get()
            }
        }
    }

    private enum Role {
        case remembered([IPAddress])
        case waiting(SharedLookup)
        case leading(SharedLookup)
    }

    /// Ends `lookup` for `name`, keeping its addresses for `ttl` from `now` (when it began).
    private func remember(
        _ name: String, _ answer: Result<[IPAddress], ResolutionError>, lookup: SharedLookup, now: WallInstant
    ) {
        state.withLock { state in
            if state.lookups[name] === lookup { state.lookups[name] = nil }
            guard case .success(let addresses) = answer else { return }
            if state.entries[name] == nil, state.entries.count >= capacity {
                state.entries = state.entries.filter { now < $0.value.expires }
                if state.entries.count >= capacity { state.entries.removeAll() }
            }
            state.entries[name] = Entry(addresses: addresses, expires: now.advanced(by: ttl))
        }
    }
}

/// One lookup in progress, whose answer every caller who asked for the same host meanwhile waits for. A waiter
/// that is cancelled, or whose deadline passes, is answered at once and stops waiting; the others keep waiting.
private final class SharedLookup: Sendable {
    typealias Answer = Result<[IPAddress], ResolutionError>
    private struct State {
        var finished = false
        var answer: Answer?
        var waiting: [Int: CheckedContinuation<Answer?, Never>] = [:]
        var cancelled: Set<Int> = []
        var nextWaiter = 0
    }
    private let state = Mutex(State())

    /// How many callers wait.
    var waiting: Int { state.withLock { $0.waiting.count } }

    /// The lookup's answer, or `nil` when it ended on its leading caller's cancellation or deadline (ask again). A
    /// `deadline` that passes first ends the wait with a failure.
    func answer(host: String, before deadline: SendDeadline?) async -> Answer? {
        let id = state.withLock { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        let cancelledAnswer = Answer.failure(ResolutionError("resolving \(host) was cancelled"))
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let ready: Answer?? = state.withLock { state in
                    if state.cancelled.remove(id) != nil { return .some(cancelledAnswer) }
                    if state.finished { return .some(state.answer) }
                    state.waiting[id] = continuation
                    return .none
                }
                if let ready {
                    continuation.resume(returning: ready)
                } else if let deadline {
                    let late = Answer.failure(ResolutionError("cannot resolve \(host): no answer \(deadline.ranOut)"))
                    DispatchQueue.global().asyncAfter(
                        deadline: .now() + .nanoseconds(Int(deadline.remaining.nanoseconds))
                    ) { [self] in stopWaiting(id, with: late) }
                }
            }
        } onCancel: {
            stopWaiting(id, with: cancelledAnswer)
        }
    }

    /// Answers waiter `id` with `answer` if it still waits (a waiter not registered yet is answered as cancelled).
    private func stopWaiting(_ id: Int, with answer: Answer) {
        let waiting = state.withLock { state in
            guard let waiting = state.waiting.removeValue(forKey: id) else {
                if !state.finished { state.cancelled.insert(id) }
                return CheckedContinuation<Answer?, Never>?.none
            }
            return waiting
        }
        waiting?.resume(returning: answer)
    }

    /// Answers every waiter (`nil`: ask again).
    func finish(_ answer: Answer?) {
        let waiting = state.withLock { state in
            state.finished = true
            state.answer = answer
            defer { state.waiting = [:] }
            return state.waiting
        }
        for continuation in waiting.values { continuation.resume(returning: answer) }
    }
}
