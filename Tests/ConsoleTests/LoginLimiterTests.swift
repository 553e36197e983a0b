import Foundation
import Testing

@testable import Console

/// The login limit as a pure function of the failures' times: no waiting, the times are given.
@Suite struct LoginLimiterTests {
    @Test func failuresBeyondTheLimitWaitUntilTheOldestLeavesTheWindow() {
        let limiter = LoginLimiter(limit: 2, window: 60)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(limiter.retryAfter(now: start) == nil)
        limiter.recordFailure(now: start)
        #expect(limiter.retryAfter(now: start.addingTimeInterval(1)) == nil, "one failure is under the limit")
        limiter.recordFailure(now: start.addingTimeInterval(10))
        #expect(limiter.retryAfter(now: start.addingTimeInterval(20)) == 40)
        #expect(limiter.retryAfter(now: start.addingTimeInterval(59.5)) == 1)
        #expect(limiter.retryAfter(now: start.addingTimeInterval(60)) == nil, "the first failure has left the window")
        limiter.recordFailure(now: start.addingTimeInterval(61))
        #expect(limiter.retryAfter(now: start.addingTimeInterval(62)) == 8, "until the failure at 10 s is a minute old")
    }
}
