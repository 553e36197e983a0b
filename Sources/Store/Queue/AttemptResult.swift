public import Foundation

/// One finished attempt of a claimed delivery: its record for history and what becomes of the delivery.
public struct AttemptResult: Hashable, Sendable {
    /// What becomes of the delivery after this attempt.
    public enum Outcome: Hashable, Sendable {
        /// A 2xx answer: the delivery is done.
        case delivered
        /// Try again at this time.
        case retry(at: Date)
        /// No more attempts: the delivery ends as a Failure for this reason.
        case failed(reason: String)
    }

    public var deliveryID: String
    /// The attempt as history keeps it (already redacted); `nil` when nothing was sent and nothing is recorded.
    public var invocation: Invocation?
    public var outcome: Outcome
    /// Set when this attempt disables the webhook (a 410 Gone): why.
    public var disableWebhook: String?
    /// When this attempt fails, the run of consecutive failures it extends disables the webhook past this limit.
    public var failureRunLimit: FailureRunLimit?
    /// Whether the receiver was asked: only a send that failed extends the webhook's run of failures. A delivery
    /// that ended unsent (its webhook deleted or disabled since, its version unreadable) is recorded as a Failure
    /// attempt, but says nothing of the receiver.
    public var wasSent: Bool

    public init(
        deliveryID: String, invocation: Invocation?, outcome: Outcome, disableWebhook: String? = nil,
        failureRunLimit: FailureRunLimit? = nil, wasSent: Bool = true
    ) {
        self.deliveryID = deliveryID
        self.invocation = invocation
        self.outcome = outcome
        self.disableWebhook = disableWebhook
        self.failureRunLimit = failureRunLimit
        self.wasSent = wasSent && invocation != nil
    }

    /// Whether the delivery extends its webhook's run of consecutive failures.
    public var extendsFailureRun: Bool {
        guard wasSent else { return false }
        if case .delivered = outcome { return false }
        return true
    }

    /// Gives a claimed delivery back to the queue, due at `now`, with no attempt sent or recorded (claimed but
    /// never sent, or cut off by shutdown).
    public static func handBack(_ deliveryID: String, at now: Date) -> AttemptResult {
        AttemptResult(deliveryID: deliveryID, invocation: nil, outcome: .retry(at: now))
    }

    /// A hand-back (nothing sent, nothing recorded, due again) keeps the reason of the delivery's last failure.
    public var keepsLastFailure: Bool {
        guard invocation == nil, case .retry = outcome else { return false }
        return true
    }
}
