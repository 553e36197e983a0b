import Store
import Testing

/// The manual clock wakes exactly the sleepers whose deadline an `advance` reaches, and honours cancellation.
@Suite struct ManualClockTests {
    @Test func advanceWakesOnlyTheSleepersWhoseDeadlineCame() async throws {
        let clock = ManualClock()
        let start = clock.now
        let soon = Task { try await clock.sleep(until: start.advanced(by: .seconds(10)), tolerance: nil) }
        let later = Task { try await clock.sleep(for: .seconds(60)) }
        while clock.sleeperCount < 2 { await Task.yield() }

        clock.advance(by: .seconds(9))
        #expect(clock.sleeperCount == 2)
        clock.advance(by: .seconds(1))
        try await soon.value
        #expect(clock.sleeperCount == 1)
        #expect(clock.now == start.advanced(by: .seconds(10)))

        clock.advance(by: .seconds(50))
        try await later.value
        #expect(clock.sleeperCount == 0)
    }

    @Test func aDeadlineInThePastReturnsAtOnce() async throws {
        let clock = ManualClock()
        try await clock.sleep(until: clock.now.advanced(by: .seconds(-1)), tolerance: nil)
        #expect(clock.sleeperCount == 0)
    }

    @Test func cancellingASleeperThrowsCancellationError() async throws {
        let clock = ManualClock()
        let sleeper = Task { try await clock.sleep(for: .seconds(60)) }
        while clock.sleeperCount < 1 { await Task.yield() }
        sleeper.cancel()
        await #expect(throws: CancellationError.self) { try await sleeper.value }
        #expect(clock.sleeperCount == 0)
    }

    @Test func wallInstantsRoundTripThroughDates() {
        let instant = WallInstant(sinceEpoch: .milliseconds(1_750_000_000_250))
        #expect(WallInstant(instant.date) == instant)
        #expect(instant.duration(to: instant.advanced(by: .seconds(3))) == .seconds(3))
    }
}
