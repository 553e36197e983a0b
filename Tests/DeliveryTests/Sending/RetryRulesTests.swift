import Foundation
import Store
import Testing
import WebhookModel

@testable import Delivery

/// Every retry rule, with fixed times and a fixed jitter: no clocks, no sleeps.
@Suite struct RetryRulesTests {
    let policy = RetryPolicy(maxAttempts: 3, schedule: [.seconds(30), .seconds(120)])
    let now = Date(timeIntervalSince1970: 1_000_000)

    func attempt(
        status: Int?, failure: DeliveryFailure? = .transport("failed"), retryAfter: String? = nil
    ) -> SendAttempt {
        let response = status.map { InvocationResponse(status: $0, headers: [], body: [], truncated: false) }
        let succeeded = status.map { (200..<300).contains($0) } == true && failure == nil
        let invocation = Invocation(
            id: "inv_1", webhook: "w", eventID: "evt_1", trigger: .created, attempt: 1, startedAt: now,
            durationMilliseconds: 5, address: "127.0.0.1", status: succeeded ? .success : .failure,
            failureReason: succeeded ? nil : (failure?.description ?? "HTTP \(status ?? 0)"),
            request: InvocationRequest(method: "POST", url: "https://x.example.com", headers: [], body: []),
            response: response)
        return SendAttempt(invocation: invocation, failure: succeeded ? nil : failure, retryAfter: retryAfter)
    }

    func verdict(_ result: SendAttempt, attempt: Int = 1, jitter: Double = 0.5) -> RetryRules.Verdict {
        RetryRules.verdict(policy: policy, attempt: attempt, result: result, now: now, jitter: jitter)
    }

    @Test func twoHundredsAreDelivered() {
        #expect(verdict(attempt(status: 204, failure: nil)).outcome == .delivered)
    }

    @Test(arguments: [nil, 408, 425, 429, 500, 502, 503, 599] as [Int?])
    func transientAnswersAreRetriedOnTheSchedule(status: Int?) {
        #expect(verdict(attempt(status: status)).outcome == .retry(at: now.addingTimeInterval(30)))
        #expect(verdict(attempt(status: status), attempt: 2).outcome == .retry(at: now.addingTimeInterval(120)))
    }

    @Test func jitterSpreadsTheDelayByTenPercent() {
        #expect(verdict(attempt(status: 503), jitter: 0).outcome == .retry(at: now.addingTimeInterval(27)))
        #expect(verdict(attempt(status: 503), jitter: 1).outcome == .retry(at: now.addingTimeInterval(33)))
    }

    @Test(arguments: [301, 400, 401, 403, 404, 409, 422])
    func otherAnswersFailAtOnce(status: Int) {
        guard case .failed = verdict(attempt(status: status)).outcome else {
            Issue.record("HTTP \(status) should fail at once")
            return
        }
        #expect(verdict(attempt(status: status)).disableWebhook == nil)
    }

    @Test func goneFailsAndDisablesTheWebhook() {
        let verdict = verdict(attempt(status: 410))
        #expect(verdict.disableWebhook == "the receiver answered 410 Gone")
        guard case .failed = verdict.outcome else {
            Issue.record("410 should fail")
            return
        }
    }

    @Test func failuresThatWaitingCannotHealFailAtOnce() {
        for failure in [
            DeliveryFailure.render("bad"), .signing("no key"), .unresolvedSecret(path: "a", reference: "b"),
        ] {
            guard case .failed = verdict(attempt(status: nil, failure: failure)).outcome else {
                Issue.record("\(failure) should fail at once")
                continue
            }
        }
    }

    @Test func aHostThatDoesNotResolveIsRetriedButARefusedTargetIsNot() {
        let unresolvable = DeliveryFailure.refused(.unresolvable("cannot resolve x.example.com"))
        #expect(verdict(attempt(status: nil, failure: unresolvable)).outcome == .retry(at: now.addingTimeInterval(30)))
        let refused = DeliveryFailure.refused(.port(8443))
        guard case .failed = verdict(attempt(status: nil, failure: refused)).outcome else {
            Issue.record("a refused target should fail at once")
            return
        }
    }

    @Test func theLastAttemptFails() {
        #expect(
            verdict(attempt(status: 503), attempt: 3).outcome
                == .failed(reason: "failed (attempt 3 of 3, the last)"))
    }

    @Test func retryAfterMovesTheAttemptLaterWithinTheSchedulesBounds() {
        #expect(verdict(attempt(status: 429, retryAfter: "90")).outcome == .retry(at: now.addingTimeInterval(90)))
        // Never earlier than the schedule…
        #expect(verdict(attempt(status: 429, retryAfter: "1")).outcome == .retry(at: now.addingTimeInterval(30)))
        // …and never past the policy's longest wait.
        #expect(
            verdict(attempt(status: 503, retryAfter: "86400")).outcome == .retry(at: now.addingTimeInterval(120)))
        let date = "Mon, 12 Jan 1970 13:47:40 GMT"  // now + 60 s
        #expect(verdict(attempt(status: 503, retryAfter: date)).outcome == .retry(at: now.addingTimeInterval(60)))
        #expect(verdict(attempt(status: 503, retryAfter: "soon")).outcome == .retry(at: now.addingTimeInterval(30)))
    }

    @Test func aTwoHundredWhoseBodyBrokeOffIsRetried() {
        #expect(
            verdict(attempt(status: 200, failure: .transport("connection reset while reading the response body")))
                .outcome == .retry(at: now.addingTimeInterval(30)))
    }
}
