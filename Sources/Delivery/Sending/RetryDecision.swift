public import Foundation
public import WebhookModel

/// What the runner does next with an event for a webhook: a pure function of the policy, the attempts so far and
/// `now`, tested without clocks or sleeps.
public enum RetryDecision: Hashable, Sendable {
    /// Send now.
    case send
    /// Wait, then send attempt `attempt` at `at`.
    case retry(at: Date, attempt: Int)
    /// Stop: delivered, or out of attempts.
    case giveUp(reason: String)

    /// The decision after attempt `attempt` (1-based) ended at `endedAt` with `succeeded`; `now` decides whether a
    /// scheduled retry is already due.
    public static func next(
        policy: RetryPolicy, attempt: Int, succeeded: Bool, endedAt: Date, now: Date
    ) -> RetryDecision {
        if succeeded { return .giveUp(reason: "delivered on attempt \(attempt)") }
        guard attempt < policy.maxAttempts else {
            return .giveUp(reason: "failed \(attempt) of \(policy.maxAttempts) attempts")
        }
        let delay = policy.delay(beforeAttempt: attempt + 1)
        let due = endedAt.addingTimeInterval(delay.seconds)
        return due <= now ? .send : .retry(at: due, attempt: attempt + 1)
    }
}
