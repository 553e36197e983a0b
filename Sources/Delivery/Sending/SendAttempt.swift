public import Store

/// One attempt's record and, when it failed, why: what the retry rules judge.
public struct SendAttempt: Sendable {
    /// The redacted record for history.
    public var invocation: Invocation
    /// `nil` on success.
    public var failure: DeliveryFailure?
    /// The receiver's `Retry-After` header, if it sent one.
    public var retryAfter: String?

    public init(invocation: Invocation, failure: DeliveryFailure?, retryAfter: String? = nil) {
        self.invocation = invocation
        self.failure = failure
        self.retryAfter = retryAfter
    }
}
