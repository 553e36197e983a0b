public import Foundation

/// Which invocations `hookctl history` lists; every filter is optional.
public struct InvocationQuery: Hashable, Sendable {
    public var webhook: String?
    public var status: Invocation.Status?
    public var trigger: InvocationTrigger?
    /// Only invocations started at or after this time.
    public var since: Date?
    public var limit: Int

    public init(
        webhook: String? = nil, status: Invocation.Status? = nil, trigger: InvocationTrigger? = nil,
        since: Date? = nil, limit: Int = 50
    ) {
        self.webhook = webhook
        self.status = status
        self.trigger = trigger
        self.since = since
        self.limit = limit
    }

    /// Whether `invocation` passes every filter.
    public func matches(_ invocation: Invocation) -> Bool {
        (webhook == nil || invocation.webhook == webhook) && (status == nil || invocation.status == status)
            && (trigger == nil || invocation.trigger == trigger)
            && (since.map { invocation.startedAt >= $0 } ?? true)
    }
}
