public import Foundation

/// One webhook's history at a glance, for the console's webhooks table: its last invocation and its success rate.
public struct InvocationSummary: Hashable, Sendable {
    public var webhook: String
    /// When the newest invocation in history started, and how it went.
    public var lastStartedAt: Date?
    public var lastStatus: Invocation.Status?
    /// Attempts since the summary's `since`.
    public var successes: Int
    public var failures: Int

    public init(
        webhook: String, lastStartedAt: Date? = nil, lastStatus: Invocation.Status? = nil, successes: Int = 0,
        failures: Int = 0
    ) {
        self.webhook = webhook
        self.lastStartedAt = lastStartedAt
        self.lastStatus = lastStatus
        self.successes = successes
        self.failures = failures
    }

    /// Successes over attempts since `since`; `nil` when there were no attempts.
    public var successRate: Double? {
        let attempts = successes + failures
        return attempts == 0 ? nil : Double(successes) / Double(attempts)
    }
}
