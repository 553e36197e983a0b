import NIOCore
import WebhookModel

/// When one attempt must be over: its webhook's `timeout` after it began. Resolving the host, fetching an OAuth
/// token and the exchange itself all share it, so an attempt never outlasts its timeout however its time was spent.
/// Measured on the monotonic clock, not the sender's (injectable) wall clock.
public struct SendDeadline: Sendable {
    /// The whole allowance, as declared (for messages).
    public let timeout: Duration
    /// When it runs out.
    public let end: ContinuousClock.Instant

    /// A deadline `timeout` from now.
    public init(timeout: Duration) {
        self.timeout = timeout
        end = .now + timeout
    }

    /// What is left of it (zero once it has passed).
    public var remaining: Duration { max(.zero, end - .now) }

    /// How a step that did not finish in time says so: "before the attempt's 5s timeout ran out".
    var ranOut: String { "before the attempt's \(DurationText.format(timeout)) timeout ran out" }

    /// The same instant for SwiftNIO's timers.
    var nio: NIODeadline { .now() + .nanoseconds(remaining.nanoseconds) }
}
