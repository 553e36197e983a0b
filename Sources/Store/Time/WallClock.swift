/// Where stores, locks, senders and schedules read the time and wait for it: a Swift `Clock` of wall time.
/// Production uses `SystemClock`; tests pass a `ManualClock`, which moves only when told to.
public protocol WallClock: Clock, Sendable where Instant == WallInstant, Duration == Swift.Duration {}
