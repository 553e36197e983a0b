public import Foundation

/// Which invocations `hookctl history` lists; every filter is optional.
public struct InvocationQuery: Hashable, Sendable {
    public var webhook: String?
    public var status: Invocation.Status?
    public var trigger: InvocationTrigger?
    /// Only invocations started at or after this time.
    public var since: Date?
    /// Only invocations started before this time.
    public var until: Date?
    /// Only invocations strictly after this cursor in (startedAt desc, id desc) order: the next page.
    public var before: InvocationCursor?
    public var limit: Int

    public init(
        webhook: String? = nil, status: Invocation.Status? = nil, trigger: InvocationTrigger? = nil,
        since: Date? = nil, until: Date? = nil, before: InvocationCursor? = nil, limit: Int = 50
    ) {
        self.webhook = webhook
        self.status = status
        self.trigger = trigger
        self.since = since
        self.until = until
        self.before = before
        self.limit = limit
    }

    /// Whether `invocation` passes every filter.
    public func matches(_ invocation: Invocation) -> Bool {
        (webhook == nil || invocation.webhook == webhook) && (status == nil || invocation.status == status)
            && (trigger == nil || invocation.trigger == trigger)
            && (since.map { invocation.startedAt >= $0 } ?? true)
            && (until.map { invocation.startedAt < $0 } ?? true)
            && (before.map { $0.precedes(invocation) } ?? true)
    }
}
