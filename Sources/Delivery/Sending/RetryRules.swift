public import Foundation
public import Store
public import WebhookModel

/// What becomes of a delivery after an attempt: a pure function of the policy, the attempt, its answer and `now`,
/// tested with fixed times, never with sleeps.
///
/// - 2xx: delivered.
/// - No answer (connection refused or reset, timeout, TLS failure, token endpoint down), 408, 425, 429 and 5xx:
///   retried on the policy's schedule, with ±10 % jitter. A `Retry-After` (seconds or an HTTP date) moves the next
///   attempt later, never earlier than the schedule and never past the policy's longest wait.
/// - 410 Gone: failed, and the webhook is disabled at once.
/// - Any other answer (3xx, other 4xx) and failures that cannot heal by waiting (the body does not render, a secret
///   is missing, the guard refuses the target): failed at once.
/// - After the policy's last attempt: failed.
public enum RetryRules {
    /// The outcome for the delivery, and why the webhook is to be disabled, if it is.
    public struct Verdict: Hashable, Sendable {
        public var outcome: AttemptResult.Outcome
        public var disableWebhook: String?

        public init(outcome: AttemptResult.Outcome, disableWebhook: String? = nil) {
            self.outcome = outcome
            self.disableWebhook = disableWebhook
        }
    }

    /// The verdict on attempt number `attempt` (1-based) that ended at `now`. `jitter` is a random fraction in
    /// 0..<1 (injected, so tests are exact).
    public static func verdict(
        policy: RetryPolicy, attempt: Int, result: SendAttempt, now: Date, jitter: Double
    ) -> Verdict {
        let status = result.invocation.response?.status
        if result.invocation.status == .success { return Verdict(outcome: .delivered) }
        let reason = result.invocation.failureReason ?? "failed"
        if status == 410 {
            return Verdict(
                outcome: .failed(reason: reason), disableWebhook: "the receiver answered 410 Gone")
        }
        guard isRetryable(status: status, failure: result.failure) else {
            return Verdict(outcome: .failed(reason: reason))
        }
        guard attempt < policy.maxAttempts else {
            return Verdict(
                outcome: .failed(reason: "\(reason) (attempt \(attempt) of \(policy.maxAttempts), the last)"))
        }
        let scheduled = policy.delay(beforeAttempt: attempt + 1)
        var delay = scheduled.seconds * (0.9 + 0.2 * min(max(jitter, 0), 1))
        if let requested = result.retryAfter.flatMap({ retryAfterSeconds($0, now: now) }) {
            let longest = (policy.schedule.max() ?? scheduled).seconds
            delay = min(max(delay, requested), max(longest, scheduled.seconds))
        }
        return Verdict(outcome: .retry(at: now.addingTimeInterval(delay)))
    }

    /// Whether an answer (or its absence) is worth trying again.
    static func isRetryable(status: Int?, failure: DeliveryFailure?) -> Bool {
        guard let status else { return failure?.isRetryable ?? true }
        // A 2xx whose body broke off mid-way failed in transport: worth another try.
        if (200..<300).contains(status) { return failure?.isRetryable ?? false }
        return status == 408 || status == 425 || status == 429 || (500...599).contains(status)
    }

    /// A `Retry-After` value in seconds from `now`: delta-seconds or an HTTP date; `nil` when unreadable.
    static func retryAfterSeconds(_ text: String, now: Date) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed), seconds >= 0 { return Double(seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}
