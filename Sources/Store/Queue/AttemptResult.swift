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

    public init(
        deliveryID: String, invocation: Invocation?, outcome: Outcome, disableWebhook: String? = nil,
        failureRunLimit: FailureRunLimit? = nil
    ) {
        self.deliveryID = deliveryID
        self.invocation = invocation
        self.outcome = outcome
        self.disableWebhook = disableWebhook
        self.failureRunLimit = failureRunLimit
    }
}
