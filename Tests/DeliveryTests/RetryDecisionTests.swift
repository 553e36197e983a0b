import Foundation
import Testing
import WebhookModel

@testable import Delivery

@Suite struct RetryDecisionTests {
    let policy = RetryPolicy(maxAttempts: 3, schedule: [.seconds(30), .seconds(120)])
    let t0 = Date(timeIntervalSince1970: 1_000)

    @Test func successStops() {
        #expect(
            RetryDecision.next(policy: policy, attempt: 1, succeeded: true, endedAt: t0, now: t0)
                == .giveUp(reason: "delivered on attempt 1"))
    }

    @Test func failureSchedulesTheNextAttemptFromThePolicy() {
        #expect(
            RetryDecision.next(policy: policy, attempt: 1, succeeded: false, endedAt: t0, now: t0)
                == .retry(at: t0.addingTimeInterval(30), attempt: 2))
        #expect(
            RetryDecision.next(policy: policy, attempt: 2, succeeded: false, endedAt: t0, now: t0)
                == .retry(at: t0.addingTimeInterval(120), attempt: 3))
    }

    @Test func dueRetryIsSentNow() {
        #expect(
            RetryDecision.next(
                policy: policy, attempt: 1, succeeded: false, endedAt: t0, now: t0.addingTimeInterval(31))
                == .send)
    }

    @Test func lastAttemptGivesUp() {
        #expect(
            RetryDecision.next(policy: policy, attempt: 3, succeeded: false, endedAt: t0, now: t0)
                == .giveUp(reason: "failed 3 of 3 attempts"))
    }
}
