/// Whether the workers' store calls are failing, and when to try again: a pure state machine over the instants the
/// loop gives it. While the store is away the workers claim nothing and keep their finished attempts; each failed
/// call doubles the wait before the next (from `first` up to `ceiling`), and the first call that succeeds ends the
/// outage.
struct StoreOutage: Sendable {
    static let first: Duration = .milliseconds(100)
    static let ceiling: Duration = .seconds(5)

    /// Failed calls in a row.
    private(set) var failures = 0
    /// No claim or commit starts before this while the store is away.
    private(set) var retryAt: ContinuousClock.Instant?
    /// When the first of these failures happened.
    private(set) var since: ContinuousClock.Instant?

    var isDown: Bool { failures > 0 }

    /// Whether a claim or commit may start at `now`.
    func allowsCall(at now: ContinuousClock.Instant) -> Bool {
        retryAt.map { $0 <= now } ?? true
    }

    /// Records a failed call at `now`; returns whether it began the outage (the store was reachable until now).
    @discardableResult
    mutating func failed(at now: ContinuousClock.Instant) -> Bool {
        failures += 1
        let began = failures == 1
        if began { since = now }
        retryAt = now + backoff
        return began
    }

    /// Records a call that succeeded at `now`; returns how long the outage lasted if it just ended.
    @discardableResult
    mutating func succeeded(at now: ContinuousClock.Instant) -> Duration? {
        defer {
            failures = 0
            retryAt = nil
            since = nil
        }
        guard failures > 0, let since else { return nil }
        return now - since
    }

    /// The wait after the current run of failures: `first`, doubled per further failure, at most `ceiling`.
    var backoff: Duration {
        guard failures > 0 else { return .zero }
        var wait = Self.first
        for _ in 1..<min(failures, 16) where wait < Self.ceiling { wait *= 2 }
        return min(wait, Self.ceiling)
    }
}
