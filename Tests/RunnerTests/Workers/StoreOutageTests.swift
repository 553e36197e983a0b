import Testing

@testable import Runner

/// The workers' view of an unreachable store: back off, then recover on the first call that succeeds.
@Suite struct StoreOutageTests {
    let start = ContinuousClock.now

    @Test func eachFailureDoublesTheWaitUpToTheCeiling() {
        var outage = StoreOutage()
        #expect(!outage.isDown && outage.allowsCall(at: start))
        var waits: [Duration] = []
        for _ in 0..<9 {
            outage.failed(at: start)
            waits.append(outage.backoff)
        }
        #expect(
            waits == [
                .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .milliseconds(1_600),
                .milliseconds(3_200), .seconds(5), .seconds(5), .seconds(5),
            ])
    }

    @Test func noCallStartsBeforeTheBackoffHasPassed() {
        var outage = StoreOutage()
        let first = outage.failed(at: start)
        let second = outage.failed(at: start)
        #expect(first, "the first failure begins the outage")
        #expect(!second, "a second one does not")
        #expect(outage.isDown)
        #expect(!outage.allowsCall(at: start + .milliseconds(199)))
        #expect(outage.allowsCall(at: start + .milliseconds(200)))
    }

    @Test func theFirstSuccessEndsTheOutageAndSaysHowLongItLasted() {
        var outage = StoreOutage()
        let nothing = outage.succeeded(at: start)
        #expect(nothing == nil, "no outage, nothing ended")
        outage.failed(at: start)
        outage.failed(at: start + .seconds(1))
        let lasted = outage.succeeded(at: start + .seconds(3))
        #expect(lasted == .seconds(3))
        #expect(!outage.isDown && outage.allowsCall(at: start) && outage.backoff == .zero)
    }
}
