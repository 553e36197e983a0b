import Foundation

/// The system's wall clock; it sleeps on the monotonic clock, so a wall-clock step does not stretch a wait.
public struct SystemClock: WallClock {
    public init() {}

    public var now: WallInstant { WallInstant(Date()) }

    public var minimumResolution: Duration { .microseconds(1) }

    public func sleep(until deadline: WallInstant, tolerance: Duration? = nil) async throws {
        let delay = now.duration(to: deadline)
        guard delay > .zero else { return try Task.checkCancellation() }
        try await ContinuousClock().sleep(for: delay, tolerance: tolerance)
    }
}
