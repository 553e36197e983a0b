import NIOCore
import Synchronization

/// The bookkeeping of every key's pool: which connections are open, which are idle (reused last-in first-out),
/// how many are being opened, and who waits for one. Side effects (closing, resuming waiters) happen outside the lock.
final class ConnectionPools: Sendable {
    /// What a request gets from the pool.
    enum Grant: Sendable {
        /// An idle keep-alive connection.
        case reuse(PooledConnection)
        /// A slot: the request opens a connection itself (and reports `connected` or `connectFailed`).
        case create(id: Int)
        case refuse(PoolError)
    }

    private struct Waiter {
        var id: Int
        var fresh: Bool
        var continuation: CheckedContinuation<Grant, Never>
    }

    private struct Pool {
        var open: [Int: PooledConnection] = [:]
        var idle: [PooledConnection] = []
        var connecting = 0
        var waiters: [Waiter] = []

        var isEmpty: Bool { open.isEmpty && connecting == 0 && waiters.isEmpty }
    }

    private struct State {
        var pools: [PoolKey: Pool] = [:]
        var nextID = 0
        var isShutDown = false

        mutating func makeID() -> Int {
            defer { nextID += 1 }
            return nextID
        }
    }

    /// What to do once the lock is released.
    private struct Effects {
        var close: [PooledConnection] = []
        var resume: [(CheckedContinuation<Grant, Never>, Grant)] = []

        func run() {
            for connection in close { connection.close() }
            for (continuation, grant) in resume { continuation.resume(returning: grant) }
        }
    }

    let limits: PoolLimits
    private let state = Mutex(State())

    init(limits: PoolLimits) { self.limits = limits }

    /// A connection for `key`, waiting at most until `deadline` when all are busy. `fresh` skips idle connections
    /// (closing one if that makes room).
    func lease(_ key: PoolKey, deadline: NIODeadline, fresh: Bool, timer: any EventLoop) async -> Grant {
        let (immediate, waiterID, effects) = state.withLock { state in
            var effects = Effects()
            let grant = Self.decide(&state, key, fresh: fresh, limits: limits, effects: &effects)
            return (grant, grant.map { _ in 0 } ?? state.makeID(), effects)
        }
        effects.run()
        if let immediate { return immediate }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Grant, Never>) in
                let (grant, effects) = state.withLock { state in
                    var effects = Effects()
                    if let grant = Self.decide(&state, key, fresh: fresh, limits: limits, effects: &effects) {
                        return (Optional(grant), effects)
                    }
                    if state.pools[key, default: Pool()].waiters.count >= limits.waitersPerKey {
                        return (.refuse(.waitQueueFull(connections: limits.connectionsPerKey)), effects)
                    }
                    state.pools[key, default: Pool()].waiters.append(
                        Waiter(id: waiterID, fresh: fresh, continuation: continuation))
                    return (nil, effects)
                }
                effects.run()
                if let grant {
                    continuation.resume(returning: grant)
                } else {
                    timer.scheduleTask(deadline: deadline) { self.dropWaiter(key, waiterID, .deadlineExceeded) }
                }
            }
        } onCancel: {
            dropWaiter(key, waiterID, .cancelled)
        }
    }

    /// Reports that the connection opened for a `.create` grant is open (`false` after shutdown: it was closed).
    func connected(_ key: PoolKey, _ connection: PooledConnection) -> Bool {
        let accepted = state.withLock { state in
            state.pools[key, default: Pool()].connecting -= 1
            guard !state.isShutDown else {
                if state.pools[key]?.isEmpty == true { state.pools[key] = nil }
                return false
            }
            state.pools[key, default: Pool()].open[connection.id] = connection
            return true
        }
        if accepted {
            connection.channel.closeFuture.whenComplete { _ in self.discard(key, connection.id) }
        } else {
            connection.close()
        }
        return accepted
    }

    /// Reports that opening a connection for a `.create` grant failed; the slot goes to the next waiter.
    func connectFailed(_ key: PoolKey) {
        let effects = state.withLock { state in
            var effects = Effects()
            state.pools[key, default: Pool()].connecting -= 1
            Self.serveWaiters(&state, key, limits: limits, effects: &effects)
            return effects
        }
        effects.run()
    }

    /// Gives a connection back after an exchange: kept idle (or handed to a waiter) when `reusable`, else closed.
    func release(_ key: PoolKey, _ connection: PooledConnection, reusable: Bool) {
        let effects = state.withLock { state in
            var effects = Effects()
            guard reusable, !state.isShutDown, connection.channel.isActive,
                state.pools[key]?.open[connection.id] != nil
            else {
                Self.remove(&state, key, connection.id, limits: limits, effects: &effects)
                effects.close.append(connection)
                return effects
            }
            state.pools[key]!.idle.append(connection)
            Self.serveWaiters(&state, key, limits: limits, effects: &effects)
            return effects
        }
        effects.run()
    }

    /// Forgets a connection that closed (the server closed it, it idled out, or it failed).
    func discard(_ key: PoolKey, _ id: Int) {
        let effects = state.withLock { state in
            var effects = Effects()
            Self.remove(&state, key, id, limits: limits, effects: &effects)
            return effects
        }
        effects.run()
    }

    /// Refuses new requests and waiters, closes idle connections, and returns every open connection, so the caller
    /// can wait for them to close (busy ones close when their exchange ends).
    func shutDown() -> [PooledConnection] {
        let (effects, open) = state.withLock { state in
            var effects = Effects()
            state.isShutDown = true
            var open: [PooledConnection] = []
            for key in state.pools.keys {
                var pool = state.pools[key]!
                effects.close += pool.idle
                effects.resume += pool.waiters.map { ($0.continuation, .refuse(.shutDown)) }
                pool.idle = []
                pool.waiters = []
                open += pool.open.values
                state.pools[key] = pool
            }
            return (effects, open)
        }
        effects.run()
        return open
    }

    /// The pools' sizes, for tests: open connections and idle ones per key.
    var snapshot: [PoolKey: (open: Int, idle: Int)] {
        state.withLock { state in state.pools.mapValues { ($0.open.count + $0.connecting, $0.idle.count) } }
    }

    private func dropWaiter(_ key: PoolKey, _ id: Int, _ reason: PoolError) {
        let continuation = state.withLock { state -> CheckedContinuation<Grant, Never>? in
            guard let index = state.pools[key]?.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            let waiter = state.pools[key]!.waiters.remove(at: index)
            if state.pools[key]?.isEmpty == true { state.pools[key] = nil }
            return waiter.continuation
        }
        continuation?.resume(returning: .refuse(reason))
    }

    /// An idle connection, a slot for a new one, a refusal, or `nil` (wait).
    private static func decide(
        _ state: inout State, _ key: PoolKey, fresh: Bool, limits: PoolLimits, effects: inout Effects
    ) -> Grant? {
        guard !state.isShutDown else { return .refuse(.shutDown) }
        var pool = state.pools[key, default: Pool()]
        defer { state.pools[key] = pool.isEmpty ? nil : pool }
        if !fresh {
            while let connection = pool.idle.popLast() {
                if connection.channel.isActive { return .reuse(connection) }
                pool.open[connection.id] = nil
                effects.close.append(connection)
            }
        }
        if pool.open.count + pool.connecting >= limits.connectionsPerKey, fresh, !pool.idle.isEmpty {
            let oldest = pool.idle.removeFirst()
            pool.open[oldest.id] = nil
            effects.close.append(oldest)
        }
        guard pool.open.count + pool.connecting < limits.connectionsPerKey else { return nil }
        pool.connecting += 1
        return .create(id: state.makeID())
    }

    /// Hands idle connections and free slots to waiters, first come first served.
    private static func serveWaiters(_ state: inout State, _ key: PoolKey, limits: PoolLimits, effects: inout Effects) {
        while let waiter = state.pools[key]?.waiters.first {
            guard let grant = decide(&state, key, fresh: waiter.fresh, limits: limits, effects: &effects) else {
                return
            }
            state.pools[key]?.waiters.removeFirst()
            effects.resume.append((waiter.continuation, grant))
        }
    }

    private static func remove(
        _ state: inout State, _ key: PoolKey, _ id: Int, limits: PoolLimits, effects: inout Effects
    ) {
        guard state.pools[key]?.open.removeValue(forKey: id) != nil else { return }
        state.pools[key]?.idle.removeAll { $0.id == id }
        serveWaiters(&state, key, limits: limits, effects: &effects)
        if state.pools[key]?.isEmpty == true { state.pools[key] = nil }
    }
}
