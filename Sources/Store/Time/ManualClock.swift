import Synchronization

/// A clock that moves only when told to: `advance(by:)` wakes every sleeper whose deadline it reaches, so lease,
/// retry and timer logic is tested without real waiting.
public final class ManualClock: WallClock {
    private struct State {
        var now: WallInstant
        var nextID = 0
        var sleepers: [Int: (deadline: WallInstant, continuation: CheckedContinuation<Void, any Error>)] = [:]
        var cancelledBeforeSleeping: Set<Int> = []
    }

    private let state: Mutex<State>

    /// A clock standing at `start` (by default 2025-06-15T15:06:40Z).
    public init(_ start: WallInstant = WallInstant(sinceEpoch: .seconds(1_750_000_000))) {
        state = Mutex(State(now: start))
    }

    public var now: WallInstant { state.withLock { $0.now } }

    public var minimumResolution: Duration { .nanoseconds(1) }

    /// How many tasks are asleep on this clock, so a test can wait until the code under test is waiting.
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    /// Moves the clock forward and wakes every sleeper whose deadline has come.
    public func advance(by duration: Duration) {
        let woken = state.withLock { state in
            state.now = state.now.advanced(by: duration)
            let now = state.now
            let due = state.sleepers.filter { $0.value.deadline <= now }
            for id in due.keys { state.sleepers[id] = nil }
            return due.values.map(\.continuation)
        }
        for continuation in woken { continuation.resume() }
    }

    public func sleep(until deadline: WallInstant, tolerance: Duration? = nil) async throws {
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let outcome: Result<Void, any Error>? = state.withLock { state in
                    if state.cancelledBeforeSleeping.remove(id) != nil { return .failure(CancellationError()) }
                    if deadline <= state.now { return .success(()) }
                    state.sleepers[id] = (deadline, continuation)
                    return nil
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            let sleeper = state.withLock { state in
                guard let sleeper = state.sleepers.removeValue(forKey: id) else {
                    state.cancelledBeforeSleeping.insert(id)
                    return nil as CheckedContinuation<Void, any Error>?
                }
                return sleeper.continuation
            }
            sleeper?.resume(throwing: CancellationError())
        }
    }
}
